using System.Text;

namespace StrategicTech.Drivers.Mavlink.Generator;

/// <summary>C# names from MAVLink names: SNAKE_CASE to PascalCase, dialect files to namespaces.</summary>
public static class Naming
{
    public const string RootNamespace = "StrategicTech.Drivers.Mavlink";

    public static string Pascal(string snake)
    {
        var builder = new StringBuilder(snake.Length);
        foreach (string part in snake.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(part[0]));
            builder.Append(part.AsSpan(1).ToString().ToLowerInvariant());
        }

        string result = builder.ToString();
        return result.Length > 0 && char.IsDigit(result[0]) ? "N" + result : result;
    }

    /// <summary>Dialect file name to C# identifier: <c>ardupilotmega</c> to <c>Ardupilotmega</c>, <c>uAvionix</c> to <c>UAvionix</c>.</summary>
    public static string Dialect(string fileName) => char.ToUpperInvariant(fileName[0]) + fileName[1..];

    public static string DialectNamespace(string fileName) => $"{RootNamespace}.Dialects.{Dialect(fileName)}";

    /// <summary>Enum entry name without the enum's own prefix; keeps one more prefix word when the rest starts with a digit.</summary>
    public static string EnumEntry(string enumName, string entryName)
    {
        string[] prefix = enumName.Split('_');
        string[] words = entryName.Split('_');
        int common = 0;
        while (common < prefix.Length && common < words.Length - 1 && prefix[common] == words[common])
        {
            common++;
        }

        if (common < prefix.Length)
        {
            return Pascal(entryName);
        }

        while (common > 0 && char.IsDigit(words[common][0]))
        {
            common--;
        }

        return Pascal(string.Join('_', words[common..]));
    }

    public static string MessagePage(string fileName, string name) => $"https://mavlink.io/en/messages/{fileName}.html#{name}";
}

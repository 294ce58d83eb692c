using System.Text.RegularExpressions;

namespace StrategicTech.Sim.Cli;

/// <summary>
/// Rewrites System.CommandLine's type-conversion errors ("Cannot parse argument 'x' for option '--seed' as expected
/// type 'System.Nullable`1[System.UInt64]'") as sentences without .NET type names.
/// </summary>
public static partial class ParseErrorText
{
    public static string Humanize(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Match m = CannotParse().Match(message);
        if (!m.Success)
        {
            return message;
        }

        string value = m.Groups["value"].Value;
        string owner = m.Groups["owner"].Value;
        string what = !m.Groups["owner"].Success ? "the argument" : m.Groups["kind"].Value == "option" ? owner : "the argument of '" + owner + "'";
        string expected = m.Groups["options"].Success
            ? "one of " + string.Join(", ", m.Groups["options"].Value.Split((char[])['\r', '\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            : Describe(m.Groups["type"].Value);
        return what + " expects " + expected + ", got '" + value + "'.";
    }

    /// <summary>The kind of value a .NET type name stands for, in words.</summary>
    public static string Describe(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        string t = typeName.Replace("System.Nullable`1[", string.Empty, StringComparison.Ordinal).TrimEnd(']');
        return t switch
        {
            "System.Int32" or "System.Int64" or "System.Int16" => "a whole number",
            "System.UInt64" or "System.UInt32" or "System.UInt16" => "a whole number of 0 or more",
            "System.Byte" => "a whole number from 0 to 255",
            "System.Double" or "System.Single" or "System.Decimal" => "a number (e.g. 2.5)",
            "System.Boolean" => "true or false",
            _ when t.StartsWith("System.", StringComparison.Ordinal) => "a value of another form",
            _ => "one of the documented values (see --help)",
        };
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*?)'(?: for (?<kind>option|command) '(?<owner>[^']*)')? as expected type '(?<type>[^']+)'\.(?: Did you mean one of the following\?(?<options>.*))?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}

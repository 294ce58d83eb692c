using System.Globalization;
using System.Text.RegularExpressions;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>One line of shared/mavlink/vectors.txt: a frame encoded by the official C library and the values it holds.</summary>
internal sealed record ReferenceVector(
    string Name,
    uint MessageId,
    byte SystemId,
    byte ComponentId,
    byte Sequence,
    bool Signed,
    byte LinkId,
    ulong Timestamp,
    IReadOnlyList<(string Field, string Value)> Fields,
    byte[] Frame)
{
    public override string ToString() => $"{Name} seq={Sequence}{(Signed ? " signed" : string.Empty)}";
}

internal static partial class ReferenceVectors
{
    public static string Path => SharedData.PathOf("mavlink", "vectors.txt");

    public static IReadOnlyList<ReferenceVector> Load() => Lines().Where(l => !l.StartsWith('#')).Select(ParseLine).ToList();

    /// <summary>The signing key given in the file's comment header.</summary>
    public static byte[] SecretKey()
    {
        string line = Lines().First(l => l.StartsWith('#') && KeyPattern().IsMatch(l));
        return Convert.FromHexString(KeyPattern().Match(line).Groups[1].Value);
    }

    private static IEnumerable<string> Lines() => File.ReadLines(Path).Where(l => l.Length > 0);

    private static ReferenceVector ParseLine(string line)
    {
        string[] columns = line.Split('\t');
        Assert.True(columns.Length == 5, $"{Path}: expected 5 tab-separated columns in '{line[..Math.Min(60, line.Length)]}'");
        string header = columns[2];
        var fields = new List<(string, string)>();
        foreach (string pair in SplitFields(columns[3]))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            fields.Add((pair[..eq], pair[(eq + 1)..]));
        }

        return new ReferenceVector(
            columns[0],
            uint.Parse(columns[1]["msgid=".Length..], CultureInfo.InvariantCulture),
            (byte)Number(header, "sysid"),
            (byte)Number(header, "compid"),
            (byte)Number(header, "seq"),
            header.Contains(" signed", StringComparison.Ordinal),
            (byte)Number(header, "link_id"),
            Number(header, "timestamp"),
            fields,
            Convert.FromHexString(columns[4].Trim()));
    }

    // Splits on ';' outside quotes (a char field's text may contain ';').
    private static IEnumerable<string> SplitFields(string text)
    {
        int start = 0;
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == ';' && !quoted)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static ulong Number(string header, string key)
    {
        Match m = Regex.Match(header, $@"(?:^|\s){key}=(\d+)");
        return m.Success ? ulong.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("secret_key.*= *([0-9a-fA-F]{64})")]
    private static partial Regex KeyPattern();
}

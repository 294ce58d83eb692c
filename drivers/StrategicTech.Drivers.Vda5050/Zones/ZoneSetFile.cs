using System.Text.Json;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Zones;

/// <summary>
/// A site's zones in a file: the JSON of a 3.0 <c>zoneSet</c> object (mapId, zoneSetId, optional zoneSetDescriptor,
/// zones), exactly as the zoneSet message carries it. Read strictly, as we will send it: each zone type's required
/// members, no member of another type, factors in [0, 1], at least three finite vertices, unique zone ids.
/// </summary>
public static class ZoneSetFile
{
    /// <summary>The largest zone file read (a site's zones are kilobytes; a bigger file is refused before it is parsed).</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>Parses a zone file's bytes; false with the problem (naming <paramref name="sourceName"/>, line or member) when it is not a valid zone set.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, string sourceName, out ZoneSetDefinition? set, out string? problem)
    {
        set = null;
        if (json.Length > MaxBytes)
        {
            problem = $"{sourceName}: {json.Length} bytes, more than the {MaxBytes} a zone file may have";
            return false;
        }

        try
        {
            set = JsonSerializer.Deserialize(json, Vda5050JsonContext.Default.ZoneSetDefinition);
        }
        catch (JsonException e)
        {
            problem = $"{sourceName}: line {e.LineNumber + 1}, {e.Path}: {e.Message}";
            return false;
        }

        string? rule = set is null ? "null is not a zone set" : ZoneSetRules.Check(set, foreignMembersAllowed: false);
        problem = rule is null ? null : sourceName + ": " + rule;
        if (problem is not null)
        {
            set = null;
        }

        return problem is null;
    }

    /// <summary>Reads and parses a zone file; throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static ZoneSetDefinition Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxBytes)
        {
            throw new InvalidDataException($"{path}: {info.Length} bytes, more than the {MaxBytes} a zone file may have");
        }

        return TryParse(File.ReadAllBytes(path), path, out ZoneSetDefinition? set, out string? problem) ? set! : throw new InvalidDataException(problem);
    }
}

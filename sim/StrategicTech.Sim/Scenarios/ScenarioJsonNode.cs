using System.Globalization;
using System.Text.Json;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// A value of a scenario document with its JSON path, for strict reading: unknown keys, wrong types and
/// out-of-range numbers become <see cref="ScenarioFileException"/>s naming file, path and line. Start-up only.
/// </summary>
internal readonly struct ScenarioJsonNode(string source, JsonLineIndex lines, string path, JsonElement element)
{
    public string Path => path;

    public JsonElement Element => element;

    public ScenarioFileException Fail(string problem) => new(source, path.Length == 0 ? "(root)" : path, lines.LineOf(path), problem);

    /// <summary>Requires an object whose keys are all in <paramref name="allowed"/>.</summary>
    public void ExpectObject(params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail("expected an object, got " + Describe());
        }

        foreach (JsonProperty p in element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, p.Name) < 0)
            {
                throw Child(p.Name, p.Value).Fail("unknown key \"" + p.Name + "\"; expected one of: " + string.Join(", ", allowed));
            }
        }
    }

    public bool Has(string name) => element.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null;

    public ScenarioJsonNode Required(string name)
    {
        if (!element.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            throw Fail("missing required key \"" + name + "\"");
        }

        return Child(name, v);
    }

    public ScenarioJsonNode? Optional(string name) =>
        element.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? Child(name, v) : null;

    public IEnumerable<ScenarioJsonNode> Items()
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Fail("expected an array, got " + Describe());
        }

        int i = 0;
        foreach (JsonElement e in element.EnumerateArray())
        {
            yield return new ScenarioJsonNode(source, lines, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", e);
            i++;
        }
    }

    public string String()
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw Fail("expected a string, got " + Describe());
        }

        return element.GetString()!;
    }

    public bool Boolean() => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Fail("expected true or false, got " + Describe()),
    };

    /// <summary>A finite number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double Number(double min, double max)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            throw Fail("expected a number, got " + Describe());
        }

        if (value < min || value > max)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"must be within {min}..{max}, got {value}"));
        }

        return value;
    }

    public int Integer(int min, int max)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out long value))
        {
            throw Fail("expected an integer, got " + Describe());
        }

        if (value < min || value > max)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"must be within {min}..{max}, got {value}"));
        }

        return (int)value;
    }

    public ulong UnsignedInteger()
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetUInt64(out ulong value))
        {
            throw Fail("expected a non-negative integer, got " + Describe());
        }

        return value;
    }

    /// <summary>[x, y, z], each within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public Vector3 Vector(double min, double max)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 3)
        {
            throw Fail("expected an array of 3 numbers, got " + Describe());
        }

        var v = new double[3];
        int i = 0;
        foreach (ScenarioJsonNode item in Items())
        {
            v[i++] = item.Number(min, max);
        }

        return new Vector3(v[0], v[1], v[2]);
    }

    public double Number(string name, double min, double max) => Required(name).Number(min, max);

    public double OptionalNumber(string name, double min, double max, double fallback) =>
        Optional(name) is { } n ? n.Number(min, max) : fallback;

    private ScenarioJsonNode Child(string name, JsonElement value) =>
        new(source, lines, path.Length == 0 ? name : path + "." + name, value);

    private string Describe()
    {
        string raw = element.GetRawText();
        string shown = raw.Length <= 40 ? raw : raw[..37] + "...";
        return element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array (" + shown + ")",
            JsonValueKind.String => "a string (" + shown + ")",
            JsonValueKind.Number => "the number " + shown,
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => shown,
        };
    }
}

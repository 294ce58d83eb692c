using System.Globalization;
using System.Text.Json;

namespace StrategicTech.Navigation.Missions;

/// <summary>A JSON element with its path from the document root, so every read error names file, path and problem.</summary>
internal readonly struct PlanJsonNode
{
    public PlanJsonNode(string sourceName, string path, JsonElement element)
    {
        SourceName = sourceName;
        Path = path;
        Element = element;
    }

    public string SourceName { get; }

    public string Path { get; }

    public JsonElement Element { get; }

    public bool IsNull => Element.ValueKind == JsonValueKind.Null;

    public PlanJsonNode Required(string name)
    {
        RequireKind(JsonValueKind.Object, "an object");
        if (!Element.TryGetProperty(name, out JsonElement child))
        {
            throw Fail(Child(name), "missing");
        }

        return new PlanJsonNode(SourceName, Child(name), child);
    }

    public bool TryGet(string name, out PlanJsonNode node)
    {
        RequireKind(JsonValueKind.Object, "an object");
        if (Element.TryGetProperty(name, out JsonElement child))
        {
            node = new PlanJsonNode(SourceName, Child(name), child);
            return true;
        }

        node = default;
        return false;
    }

    public double OptionalDouble(string name, double fallback) =>
        TryGet(name, out PlanJsonNode node) ? node.AsDoubleOrNaN() : fallback;

    public int OptionalInt(string name, int fallback) => TryGet(name, out PlanJsonNode node) && !node.IsNull ? node.AsInt() : fallback;

    public bool OptionalBool(string name, bool fallback) => TryGet(name, out PlanJsonNode node) && !node.IsNull ? node.AsBool() : fallback;

    public string OptionalString(string name, string fallback) =>
        TryGet(name, out PlanJsonNode node) && !node.IsNull ? node.AsString() : fallback;

    /// <summary>A number, or NaN for JSON null (QGC writes null for "unset").</summary>
    public double AsDoubleOrNaN()
    {
        if (Element.ValueKind == JsonValueKind.Null)
        {
            return double.NaN;
        }

        return AsDouble();
    }

    public double AsDouble()
    {
        if (Element.ValueKind != JsonValueKind.Number || !Element.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            throw Fail(Path, "expected a finite number, got " + Describe());
        }

        return value;
    }

    public int AsInt()
    {
        if (Element.ValueKind != JsonValueKind.Number)
        {
            throw Fail(Path, "expected an integer, got " + Describe());
        }

        if (Element.TryGetInt32(out int value))
        {
            return value;
        }

        // QGC sometimes writes integral values as 734.0.
        if (Element.TryGetDouble(out double d) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue)
        {
            return (int)d;
        }

        throw Fail(Path, "expected an integer, got " + Describe());
    }

    public bool AsBool() => Element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Fail(Path, "expected true or false, got " + Describe()),
    };

    public string AsString() =>
        Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Fail(Path, "expected a string, got " + Describe());

    public int ArrayLength()
    {
        RequireKind(JsonValueKind.Array, "an array");
        return Element.GetArrayLength();
    }

    public PlanJsonNode At(int index) =>
        new(SourceName, Path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", Element[index]);

    /// <summary>[lat, lon] or [lat, lon, alt] in degrees.</summary>
    public LatLonDeg AsLatLon()
    {
        int n = ArrayLength();
        if (n < 2)
        {
            throw Fail(Path, "expected [latitude, longitude], got " + n.ToString(CultureInfo.InvariantCulture) + " numbers");
        }

        double lat = At(0).AsDouble();
        double lon = At(1).AsDouble();
        if (Math.Abs(lat) > 90)
        {
            throw Fail(Path + "[0]", "latitude " + lat.ToString(CultureInfo.InvariantCulture) + "° is outside ±90°");
        }

        if (Math.Abs(lon) > 180)
        {
            throw Fail(Path + "[1]", "longitude " + lon.ToString(CultureInfo.InvariantCulture) + "° is outside ±180°");
        }

        return new LatLonDeg(lat, lon);
    }

    public IReadOnlyList<LatLonDeg> AsLatLonList()
    {
        int n = ArrayLength();
        var list = new LatLonDeg[n];
        for (int i = 0; i < n; i++)
        {
            list[i] = At(i).AsLatLon();
        }

        return list;
    }

    public MissionFileException Fail(string path, string problem) => new(SourceName, path, problem);

    public MissionFileException Fail(string problem) => new(SourceName, Path, problem);

    private void RequireKind(JsonValueKind kind, string what)
    {
        if (Element.ValueKind != kind)
        {
            throw Fail(Path, "expected " + what + ", got " + Describe());
        }
    }

    private string Child(string name) => Path.Length == 0 ? name : Path + "." + name;

    private string Describe() => Element.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => "the string \"" + Element.GetString() + "\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => Element.GetRawText(),
    };
}

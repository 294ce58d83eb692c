using System.Globalization;
using System.Text.Json;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// Reads and validates airframe JSON files. Field names are camelCase and carry their units, e.g.
/// <c>massKg</c>, <c>inertiaKgM2 {xx, yy, zz, xy, xz, yz}</c>, <c>motors[{positionFrdM: [x, y, z], spin: "cw"|"ccw"}]</c>,
/// <c>thrustCoefficientNPerRadPerS2</c>, <c>torqueCoefficientNmPerRadPerS2</c>, <c>motorTimeConstantS</c>,
/// <c>maxMotorSpeedRadPerS</c> or <c>maxMotorRpm</c>, <c>linearDragNsPerM</c>, <c>quadraticDragNs2PerM2</c>,
/// <c>angularDragNmsPerRad</c>, optional <c>battery</c> and <c>landing</c>. Every problem is reported as an
/// <see cref="AirframeFileException"/> naming the file and the field.
/// </summary>
public static class AirframeLoader
{
    private const string ResourcePrefix = "StrategicTech.Sim.Airframes.";

    /// <summary>Names of the airframes built into the library (e.g. <c>quad_x</c>, <c>hex_x</c>).</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        [.. typeof(AirframeLoader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal)];

    public static AirframeDefinition LoadBuiltIn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using Stream? stream = typeof(AirframeLoader).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".json")
            ?? throw new AirframeFileException(name, "(name)", $"no built-in airframe of that name; known: {string.Join(", ", BuiltInNames)}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), name + ".json");
    }

    public static AirframeDefinition LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AirframeFileException(path, "(file)", e.Message);
        }

        return Parse(text, path);
    }

    /// <summary>Parses airframe JSON; <paramref name="source"/> names the file in error messages.</summary>
    public static AirframeDefinition Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new AirframeFileException(source, string.Create(CultureInfo.InvariantCulture, $"line {(e.LineNumber ?? 0) + 1}"), "malformed JSON: " + e.Message);
        }

        using (document)
        {
            var r = new Reader(source);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new AirframeFileException(source, "(root)", "expected a JSON object");
            }

            string name = r.String(root, "name", "");
            double mass = r.Positive(root, "massKg", "");
            Matrix3 inertia = r.Inertia(root, "inertiaKgM2");
            IReadOnlyList<MotorDefinition> motors = r.Motors(root);
            double kT = r.Positive(root, "thrustCoefficientNPerRadPerS2", "");
            double kQ = r.Positive(root, "torqueCoefficientNmPerRadPerS2", "");
            double tau = r.Positive(root, "motorTimeConstantS", "");
            double maxSpeed = r.MaxMotorSpeed(root);
            Vector3 linear = r.NonNegativeVector(root, "linearDragNsPerM", "");
            Vector3 quadratic = r.NonNegativeVector(root, "quadraticDragNs2PerM2", "");
            Vector3 angular = r.NonNegativeVector(root, "angularDragNmsPerRad", "");
            BatteryParameters? battery = root.TryGetProperty("battery", out JsonElement b) ? r.Battery(b) : null;
            LandingParameters landing = root.TryGetProperty("landing", out JsonElement l) ? r.Landing(l) : LandingParameters.Default;

            var airframe = new AirframeDefinition(name, mass, inertia, motors, kT, kQ, tau, maxSpeed, linear, quadratic, angular, battery, landing);
            if (airframe.MaxTotalThrustN <= mass * 9.81)
            {
                throw new AirframeFileException(source, "thrustCoefficientNPerRadPerS2",
                    string.Create(CultureInfo.InvariantCulture, $"maximum total thrust {airframe.MaxTotalThrustN:F1} N cannot lift {mass} kg"));
            }

            return airframe;
        }
    }

    private readonly struct Reader(string source)
    {
        public string String(JsonElement obj, string field, string path)
        {
            JsonElement e = Required(obj, field, path);
            if (e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString()))
            {
                throw Error(path + field, "expected a non-empty string", e);
            }

            return e.GetString()!;
        }

        public double Number(JsonElement obj, string field, string path)
        {
            JsonElement e = Required(obj, field, path);
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double v) || !double.IsFinite(v))
            {
                throw Error(path + field, "expected a finite number", e);
            }

            return v;
        }

        public double Positive(JsonElement obj, string field, string path)
        {
            double v = Number(obj, field, path);
            if (v <= 0)
            {
                throw Error(path + field, "must be > 0", obj.GetProperty(field));
            }

            return v;
        }

        public double NonNegative(JsonElement obj, string field, string path)
        {
            double v = Number(obj, field, path);
            if (v < 0)
            {
                throw Error(path + field, "must be ≥ 0", obj.GetProperty(field));
            }

            return v;
        }

        public Vector3 Vector(JsonElement obj, string field, string path)
        {
            JsonElement e = Required(obj, field, path);
            if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 3)
            {
                throw Error(path + field, "expected an array of 3 numbers", e);
            }

            Span<double> v = stackalloc double[3];
            for (int i = 0; i < 3; i++)
            {
                JsonElement c = e[i];
                if (c.ValueKind != JsonValueKind.Number || !double.IsFinite(v[i] = c.GetDouble()))
                {
                    throw Error(string.Create(CultureInfo.InvariantCulture, $"{path}{field}[{i}]"), "expected a finite number", c);
                }
            }

            return new(v[0], v[1], v[2]);
        }

        public Vector3 NonNegativeVector(JsonElement obj, string field, string path)
        {
            Vector3 v = Vector(obj, field, path);
            if (v.X < 0 || v.Y < 0 || v.Z < 0)
            {
                throw Error(path + field, "every component must be ≥ 0", obj.GetProperty(field));
            }

            return v;
        }

        public Matrix3 Inertia(JsonElement obj, string field)
        {
            JsonElement e = Required(obj, field, "");
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Error(field, "expected an object {xx, yy, zz, xy, xz, yz}", e);
            }

            string p = field + ".";
            double xx = Positive(e, "xx", p), yy = Positive(e, "yy", p), zz = Positive(e, "zz", p);
            double xy = Optional(e, "xy", p), xz = Optional(e, "xz", p), yz = Optional(e, "yz", p);
            // xy, xz, yz are the tensor's own off-diagonal entries (I_xy = −∫xy dm), not the products of inertia.
            var m = new Matrix3(xx, xy, xz, xy, yy, yz, xz, yz, zz);
            if (xx + yy < zz || yy + zz < xx || xx + zz < yy || m.Determinant <= 0)
            {
                throw Error(field, "is not a physical inertia tensor (positive definite, triangle inequality)", e);
            }

            return m;
        }

        public IReadOnlyList<MotorDefinition> Motors(JsonElement root)
        {
            JsonElement e = Required(root, "motors", "");
            if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() is < 1 or > AirframeDefinition.MaxMotors)
            {
                throw Error("motors", $"expected an array of 1..{AirframeDefinition.MaxMotors} motors", e);
            }

            var motors = new List<MotorDefinition>();
            for (int i = 0; i < e.GetArrayLength(); i++)
            {
                string p = string.Create(CultureInfo.InvariantCulture, $"motors[{i}].");
                JsonElement m = e[i];
                if (m.ValueKind != JsonValueKind.Object)
                {
                    throw Error(p.TrimEnd('.'), "expected an object {positionFrdM, spin}", m);
                }

                Vector3 position = Vector(m, "positionFrdM", p);
                string spin = String(m, "spin", p);
                SpinDirection direction = spin.ToUpperInvariant() switch
                {
                    "CW" => SpinDirection.Clockwise,
                    "CCW" => SpinDirection.CounterClockwise,
                    _ => throw Error(p + "spin", "expected \"cw\" or \"ccw\"", m.GetProperty("spin")),
                };
                motors.Add(new MotorDefinition(position, direction));
            }

            return motors;
        }

        public double MaxMotorSpeed(JsonElement root)
        {
            bool hasRad = root.TryGetProperty("maxMotorSpeedRadPerS", out _);
            bool hasRpm = root.TryGetProperty("maxMotorRpm", out _);
            if (hasRad == hasRpm)
            {
                throw new AirframeFileException(source, "maxMotorSpeedRadPerS", "give exactly one of maxMotorSpeedRadPerS or maxMotorRpm");
            }

            return hasRad ? Positive(root, "maxMotorSpeedRadPerS", "") : Positive(root, "maxMotorRpm", "") * (2 * Math.PI / 60);
        }

        public BatteryParameters Battery(JsonElement e)
        {
            const string p = "battery.";
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Error("battery", "expected an object", e);
            }

            double cells = Positive(e, "cells", p);
            if (cells != Math.Floor(cells) || cells > 24)
            {
                throw Error(p + "cells", "expected a whole number of cells 1..24", e.GetProperty("cells"));
            }

            double capacity = Positive(e, "capacityMah", p);
            double resistance = NonNegative(e, "internalResistanceOhm", p);
            double efficiency = Positive(e, "propulsionEfficiency", p);
            if (efficiency > 1)
            {
                throw Error(p + "propulsionEfficiency", "must be within (0, 1]", e.GetProperty("propulsionEfficiency"));
            }

            double avionics = e.TryGetProperty("avionicsCurrentA", out _) ? NonNegative(e, "avionicsCurrentA", p) : 0.5;
            IReadOnlyList<(double, double)> curve = e.TryGetProperty("openCircuitCurve", out JsonElement c) ? Curve(c) : BatteryParameters.LiPoCurve;
            return new BatteryParameters((int)cells, capacity, resistance, curve, efficiency, avionics);
        }

        public LandingParameters Landing(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Error("landing", "expected an object", e);
            }

            return new LandingParameters(
                Positive(e, "maxTouchdownSpeedMps", "landing."),
                Positive(e, "maxTouchdownTiltDeg", "landing.") * (Math.PI / 180));
        }

        private IReadOnlyList<(double, double)> Curve(JsonElement e)
        {
            const string f = "battery.openCircuitCurve";
            if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() < 2)
            {
                throw Error(f, "expected an array of at least 2 [stateOfCharge, cellVolts] pairs", e);
            }

            var points = new List<(double, double)>();
            for (int i = 0; i < e.GetArrayLength(); i++)
            {
                JsonElement pair = e[i];
                string field = string.Create(CultureInfo.InvariantCulture, $"{f}[{i}]");
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                    || pair[0].ValueKind != JsonValueKind.Number || pair[1].ValueKind != JsonValueKind.Number)
                {
                    throw Error(field, "expected [stateOfCharge, cellVolts]", pair);
                }

                double soc = pair[0].GetDouble(), volts = pair[1].GetDouble();
                double previousSoc = i == 0 ? double.NegativeInfinity : points[^1].Item1;
                double previousVolts = i == 0 ? 0 : points[^1].Item2;
                if (soc < 0 || soc > 1 || soc <= previousSoc || volts <= 0 || volts < previousVolts)
                {
                    throw Error(field, "state of charge must rise strictly within 0..1 and volts be positive and non-decreasing", pair);
                }

                points.Add((soc, volts));
            }

            if (points[0].Item1 != 0 || points[^1].Item1 != 1)
            {
                throw Error(f, "must start at state of charge 0 and end at 1", e);
            }

            return points;
        }

        private double Optional(JsonElement obj, string field, string path) =>
            obj.TryGetProperty(field, out _) ? Number(obj, field, path) : 0;

        private JsonElement Required(JsonElement obj, string field, string path) =>
            obj.TryGetProperty(field, out JsonElement e) ? e : throw new AirframeFileException(source, path + field, "missing");

        private AirframeFileException Error(string field, string problem, JsonElement value) =>
            new(source, field, $"{problem} (got {Shorten(value.GetRawText())})");

        private static string Shorten(string raw) => raw.Length <= 60 ? raw : raw[..57] + "...";
    }
}

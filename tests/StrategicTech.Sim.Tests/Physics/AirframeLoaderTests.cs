using System.Text.Json.Nodes;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Sim.Tests.Physics;

// Tolerances in this class are rounding epsilons on exact identities (a symmetric frame's arm positions sum to zero).
public sealed class AirframeLoaderTests
{
    private static string QuadJson
    {
        get
        {
            using Stream stream = typeof(AirframeLoader).Assembly.GetManifestResourceStream("StrategicTech.Sim.Airframes.quad_x.json")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    [Fact]
    public void Built_in_airframes_load_with_their_geometry()
    {
        Assert.Contains("quad_x", AirframeLoader.BuiltInNames);
        Assert.Contains("hex_x", AirframeLoader.BuiltInNames);

        AirframeDefinition quad = AirframeLoader.LoadBuiltIn("quad_x");
        Assert.Equal(4, quad.Motors.Count);
        Assert.Equal(1.5, quad.MassKg);
        Assert.Equal(0.055, quad.InertiaKgM2.M33);
        Assert.Equal(SpinDirection.CounterClockwise, quad.Motors[0].Spin);
        Assert.True(quad.Motors[0].PositionFrdM.X > 0 && quad.Motors[0].PositionFrdM.Y > 0, "motor 1 is front-right");
        Assert.Equal(4, quad.Battery!.Cells);

        AirframeDefinition hex = AirframeLoader.LoadBuiltIn("hex_x");
        Assert.Equal(6, hex.Motors.Count);
        // Balanced yaw: as many rotors each way, and the arms sum to the centre.
        Assert.Equal(0, hex.Motors.Sum(m => (int)m.Spin));
        Assert.Equal(0, hex.Motors.Sum(m => m.PositionFrdM.X), 9);
        Assert.Equal(0, hex.Motors.Sum(m => m.PositionFrdM.Y), 9);
    }

    [Fact]
    public void Airframe_files_are_copied_beside_the_binaries_and_load_from_disk()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Airframes", "hex_x.json");
        Assert.True(File.Exists(path), path);
        Assert.Equal(AirframeLoader.LoadBuiltIn("hex_x").MassKg, AirframeLoader.LoadFile(path).MassKg);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("massKg")]
    [InlineData("inertiaKgM2")]
    [InlineData("motors")]
    [InlineData("thrustCoefficientNPerRadPerS2")]
    [InlineData("torqueCoefficientNmPerRadPerS2")]
    [InlineData("motorTimeConstantS")]
    [InlineData("maxMotorSpeedRadPerS")]
    [InlineData("linearDragNsPerM")]
    [InlineData("quadraticDragNs2PerM2")]
    [InlineData("angularDragNmsPerRad")]
    public void A_missing_field_is_named_with_the_file(string field)
    {
        JsonObject root = Root();
        root.Remove(field);

        AirframeFileException e = Assert.Throws<AirframeFileException>(() => AirframeLoader.Parse(root.ToJsonString(), "my_quad.json"));

        Assert.Equal(field, e.Field);
        Assert.StartsWith("my_quad.json: " + field + ":", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("massKg", "-1.5", "massKg", "must be > 0")]
    [InlineData("massKg", "\"heavy\"", "massKg", "expected a finite number")]
    [InlineData("massKg", "40", "thrustCoefficientNPerRadPerS2", "cannot lift")]
    [InlineData("motorTimeConstantS", "0", "motorTimeConstantS", "must be > 0")]
    [InlineData("linearDragNsPerM", "[0.1, 0.2]", "linearDragNsPerM", "3 numbers")]
    [InlineData("angularDragNmsPerRad", "[0.1, -0.2, 0.1]", "angularDragNmsPerRad", "≥ 0")]
    [InlineData("inertiaKgM2", "{\"xx\": 0.01, \"yy\": 0.01, \"zz\": 0.5}", "inertiaKgM2", "not a physical inertia")]
    [InlineData("motors", "[]", "motors", "1..8 motors")]
    [InlineData("maxMotorRpm", "10000", "maxMotorSpeedRadPerS", "exactly one")]
    public void A_bad_value_is_named_with_field_and_problem(string field, string json, string expectedField, string expectedProblem)
    {
        JsonObject root = Root();
        root[field] = JsonNode.Parse(json);

        AirframeFileException e = Assert.Throws<AirframeFileException>(() => AirframeLoader.Parse(root.ToJsonString(), "bad.json"));

        Assert.Equal(expectedField, e.Field);
        Assert.Contains(expectedProblem, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.json: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_motor_and_battery_errors_carry_their_path()
    {
        JsonObject root = Root();
        root["motors"]![2]!["spin"] = "sideways";
        AirframeFileException spin = Assert.Throws<AirframeFileException>(() => AirframeLoader.Parse(root.ToJsonString(), "q.json"));
        Assert.Equal("motors[2].spin", spin.Field);
        Assert.Contains("\"sideways\"", spin.Message, StringComparison.Ordinal);

        root = Root();
        root["motors"]![1]!["positionFrdM"]![1] = "x";
        Assert.Equal("motors[1].positionFrdM[1]", Assert.Throws<AirframeFileException>(() => AirframeLoader.Parse(root.ToJsonString(), "q.json")).Field);

        root = Root();
        root["battery"]!["cells"] = 3.5;
        Assert.Equal("battery.cells", Assert.Throws<AirframeFileException>(() => AirframeLoader.Parse(root.ToJsonString(), "q.json")).Field);

        root = Root();
        root["battery"]!["openCircuitCurve"] = JsonNode.Parse("[[0, 3.3], [0.5, 3.2], [1, 4.2]]");
        Assert.Equal("battery.openCircuitCurve[1]", Assert.Throws<AirframeFileException>(() => AirframeLoader.Parse(root.ToJsonString(), "q.json")).Field);
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        string broken = QuadJson.Replace("\"massKg\": 1.5,", "\"massKg\": 1.5,,", StringComparison.Ordinal);
        AirframeFileException e = Assert.Throws<AirframeFileException>(() => AirframeLoader.Parse(broken, "broken.json"));
        Assert.Equal("line 4", e.Field);
        Assert.Contains("malformed JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_and_unknown_built_ins_are_named()
    {
        Assert.Contains("no_such_dir", Assert.Throws<AirframeFileException>(() => AirframeLoader.LoadFile("no_such_dir/x.json")).Message, StringComparison.Ordinal);
        Assert.Contains("quad_x", Assert.Throws<AirframeFileException>(() => AirframeLoader.LoadBuiltIn("octo_z")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maximum_speed_may_be_given_in_rpm()
    {
        JsonObject root = Root();
        root.Remove("maxMotorSpeedRadPerS");
        root["maxMotorRpm"] = 10_000;
        Assert.Equal(10_000 * 2 * Math.PI / 60, AirframeLoader.Parse(root.ToJsonString(), "rpm.json").MaxMotorSpeedRadPerS, 9);
    }

    private static JsonObject Root() =>
        JsonNode.Parse(QuadJson, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
}

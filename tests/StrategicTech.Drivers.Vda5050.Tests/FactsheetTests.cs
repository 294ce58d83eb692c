using System.Text;
using System.Text.Json;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>The factsheet in the 2.x and 3.0 layouts against every shared schema version that has a factsheet schema.</summary>
public sealed class FactsheetTests
{
    private static List<string> Validate(string version, string schema, byte[] json) =>
        JsonSchemaValidator.Load(SharedData.PathOf("vda5050", "schemas", version, schema + ".schema")).Validate(JsonDocument.Parse(json).RootElement);

    private static Factsheet WithVersion(string version)
    {
        Factsheet f = SampleFactsheet.Full();
        f.Version = version;
        return f;
    }

    [Fact]
    public void TheSharedSchemasHaveAFactsheetSchemaFor210And300Only() =>
        Assert.Equal(new[] { "2.1.0", "3.0.0" }, Directory.GetDirectories(SharedData.PathOf("vda5050", "schemas"))
            .Where(d => File.Exists(Path.Combine(d, "factsheet.schema"))).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray());

    [Fact]
    public void AFullFactsheetValidatesAgainstThe210FactsheetSchema() =>
        Assert.Empty(Validate("2.1.0", "factsheet", Vda5050Codec.Encode(WithVersion("2.1.0"))));

    [Fact]
    public void AFullFactsheetIn300LayoutValidatesAgainstThe300FactsheetSchema() =>
        Assert.Empty(Validate("3.0.0", "factsheet", Vda5050Codec.Encode(FactsheetV3.From(WithVersion("3.0.0")))));

    [Fact]
    public void The2xLayoutDoesNotValidateAgainst300AndThe300LayoutDoesNotValidateAgainst210()
    {
        Assert.NotEmpty(Validate("3.0.0", "factsheet", Vda5050Codec.Encode(WithVersion("3.0.0"))));
        Assert.NotEmpty(Validate("2.1.0", "factsheet", Vda5050Codec.Encode(FactsheetV3.From(WithVersion("2.1.0")))));
    }

    [Fact]
    public void The300LayoutCarriesThe300AdditionsAndRenamesAutonomousToFreelyNavigating()
    {
        string json = Encoding.UTF8.GetString(Vda5050Codec.Encode(FactsheetV3.From(WithVersion("3.0.0"))));
        Assert.Contains("\"mobileRobotKinematics\":\"DIFF\"", json, StringComparison.Ordinal);
        Assert.Contains("\"navigationTypes\":[\"FREELY_NAVIGATING\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"supportedZones\":[\"BLOCKED\",\"SPEED_LIMIT\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"maximumAngularSpeed\":1.5", json, StringComparison.Ordinal);
        Assert.Contains("\"cancelAllowed\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"blockingTypes\":[\"HARD\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"criticalLowChargingLevel\":10", json, StringComparison.Ordinal);
        Assert.Contains("\"envelope2dId\":\"base\"", json, StringComparison.Ordinal);
        string v2 = Encoding.UTF8.GetString(Vda5050Codec.Encode(WithVersion("2.1.0")));
        Assert.DoesNotContain("supportedZones", v2, StringComparison.Ordinal);
        Assert.DoesNotContain("pauseAllowed", v2, StringComparison.Ordinal);
    }

    [Fact]
    public void BothLayoutsRoundTripThroughTheCodec()
    {
        Assert.True(Vda5050Codec.TryDecodeFactsheet(Vda5050Codec.Encode(WithVersion("2.1.0")), "factsheet", "2.1.0", out Factsheet? v2, out _));
        Assert.Equal(0.8, v2!.PhysicalParameters.LengthM);
        Assert.Equal("KLT", v2.LoadSpecification.LoadSets![0].LoadType);
        Assert.Equal(4, v2.AgvGeometry.Envelopes2d![0].PolygonPoints.Count);
        Assert.True(Vda5050Codec.TryDecodeFactsheetV3(Vda5050Codec.Encode(FactsheetV3.From(WithVersion("3.0.0"))), "factsheet", "3.0.0", out FactsheetV3? v3, out _));
        Assert.Equal(1.0, v3!.PhysicalParameters.MaximumSpeedMps);
        Assert.Equal(90, v3.MobileRobotConfiguration!.BatteryCharging!.MaximumDesiredChargingLevelPercent);
        Assert.True(v3.ProtocolFeatures.MobileRobotActions[1].PauseAllowed);
    }

    [Fact]
    public void AFactsheetMissingTypeSpecificationIsRejectedWithAValidationError()
    {
        string json = Encoding.UTF8.GetString(Vda5050Codec.Encode(WithVersion("2.1.0")));
        JsonElement root = JsonDocument.Parse(json).RootElement;
        var trimmed = root.EnumerateObject().Where(p => p.Name != "typeSpecification").ToDictionary(p => p.Name, p => p.Value);
        Assert.False(Vda5050Codec.TryDecodeFactsheet(JsonSerializer.SerializeToUtf8Bytes(trimmed), "factsheet", "2.1.0", out _, out Vda5050Error? error));
        Assert.Equal("validationError", error!.ErrorType);
        Assert.Contains("typeSpecification", error.ErrorDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConnectionState.Online, "ONLINE")]
    [InlineData(ConnectionState.Offline, "OFFLINE")]
    [InlineData(ConnectionState.ConnectionBroken, "CONNECTION_BROKEN")]
    public void AConnectionOnA300ConnectionUsesThe300SpellingAndValidatesAgainstThe300Schema(ConnectionState state, string wire)
    {
        Connection c = SampleMessages.Connection(state);
        c.Version = "3.0.0";
        byte[] json = Vda5050Codec.Encode(c);
        Assert.Empty(Validate("3.0.0", "connection", json));
        Assert.Contains($"\"connectionState\":\"{wire}\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.True(Vda5050Codec.TryDecodeConnection(json, "connection", "3.0.0", out Connection? back, out _));
        Assert.Equal(state, back!.ConnectionState);
    }

    [Fact]
    public void A2xConnectionBrokenSpellingIsRejectedOnA300Connection()
    {
        Connection c = SampleMessages.Connection(ConnectionState.ConnectionBroken);
        c.Version = "3.0.0";
        byte[] json = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Vda5050Codec.Encode(c)).Replace("CONNECTION_BROKEN", "CONNECTIONBROKEN", StringComparison.Ordinal));
        Assert.False(Vda5050Codec.TryDecodeConnection(json, "connection", "3.0.0", out _, out Vda5050Error? error));
        Assert.Contains("CONNECTIONBROKEN", error!.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void OurInstantActionsWithBlockingTypeNoneValidateAgainstThe300Schema()
    {
        InstantActions actions = SampleMessages.FullInstantActions();
        actions.Version = "3.0.0";
        actions.Actions.ForEach(a => a.BlockingType = BlockingType.None); // 3.0 allows only NONE for instant actions
        Assert.Empty(Validate("3.0.0", "instantActions", Vda5050Codec.Encode(actions)));
    }

    [Theory]
    [InlineData(typeof(TypeSpecification), typeof(TypeSpecificationV3))]
    [InlineData(typeof(ProtocolTiming), typeof(ProtocolTimingV3))]
    [InlineData(typeof(MaxArrayLengths), typeof(MaxArrayLengthsV3))]
    [InlineData(typeof(AgvActionDescription), typeof(MobileRobotActionDescription))]
    [InlineData(typeof(AgvGeometry), typeof(MobileRobotGeometry))]
    [InlineData(typeof(LoadSet), typeof(LoadSetV3))]
    [InlineData(typeof(VehicleConfig), typeof(MobileRobotConfiguration))]
    public void The2xAnd300FormsOfAFactsheetPartShareOneBaseAndNeverRedeclareAMemberOfTheSameNameAndType(Type v2, Type v3)
    {
        // A member is its JSON name and its type: envelopes2d is named alike but holds another element type per version.
        static HashSet<(string Name, Type Type)> Declared(Type t) =>
        [
            .. t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Select(p => (p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false).Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().FirstOrDefault()?.Name ?? p.Name, p.PropertyType)),
        ];

        Assert.Equal(v2.BaseType, v3.BaseType);
        Assert.True(v2.BaseType!.IsAbstract);
        Assert.NotEmpty(Declared(v2.BaseType));
        Assert.Empty(Declared(v2).Intersect(Declared(v3)));
        Assert.Empty(Declared(v2).Intersect(Declared(v2.BaseType)));
        Assert.Empty(Declared(v3).Intersect(Declared(v2.BaseType)));
    }
}

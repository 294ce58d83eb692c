using System.Text;
using System.Text.Json;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>
/// Order, state, visualization and instant actions in the 3.0.0 layout validate against the official 3.0.0 schemas,
/// strictly (no member the schema does not define, so no 2.x name leaks), and the same messages stamped 2.x still
/// validate against 2.1.0: the layout follows the message's version.
/// </summary>
public sealed class SchemaValidationV3Tests
{
    private static List<string> Validate(string version, string schema, byte[] json) =>
        JsonSchemaValidator.LoadStrict(SharedData.PathOf("vda5050", "schemas", version, schema + ".schema")).Validate(JsonDocument.Parse(json).RootElement);

    private static string Text(byte[] json) => Encoding.UTF8.GetString(json);

    [Fact]
    public void AnOrderWithEveryMember3AddsValidatesStrictlyAgainstThe300OrderSchema() =>
        Assert.Empty(Validate("3.0.0", "order", Vda5050Codec.Encode(SampleMessagesV3.FullOrder())));

    [Fact]
    public void AStateWithEveryMember3AddsValidatesStrictlyAgainstThe300StateSchema() =>
        Assert.Empty(Validate("3.0.0", "state", Vda5050Codec.Encode(SampleMessagesV3.FullState())));

    [Fact]
    public void AMinimalStateValidatesStrictlyAgainstThe300StateSchemaWithAnEmptyInstantActionStates()
    {
        byte[] json = Vda5050Codec.Encode(SampleMessagesV3.MinimalState());
        Assert.Empty(Validate("3.0.0", "state", json));
        Assert.Contains("\"instantActionStates\":[]", Text(json), StringComparison.Ordinal);
    }

    [Fact]
    public void AVisualizationWithItsReferenceStateValidatesStrictlyAgainstThe300VisualizationSchema() =>
        Assert.Empty(Validate("3.0.0", "visualization", Vda5050Codec.Encode(SampleMessagesV3.FullVisualization())));

    [Fact]
    public void InstantActionsValidateStrictlyAgainstThe300InstantActionsSchema() =>
        Assert.Empty(Validate("3.0.0", "instantActions", Vda5050Codec.Encode(SampleMessagesV3.FullInstantActions())));

    [Fact]
    public void TheSame2xSampleStampedEachVersionValidatesStrictlyAgainstThatVersionsSchema()
    {
        foreach (string version in new[] { "2.1.0", "3.0.0" })
        {
            Order order = SampleMessages.FullOrder();
            State state = SampleMessages.FullState();
            Visualization visualization = SampleMessages.FullVisualization();
            order.Version = state.Version = visualization.Version = version;
            visualization.ReferenceStateHeaderId = 3;
            Assert.Empty(Validate(version, "order", Vda5050Codec.Encode(order)));
            Assert.Empty(Validate(version, "state", Vda5050Codec.Encode(state)));
            Assert.Empty(Validate(version, "visualization", Vda5050Codec.Encode(visualization)));
        }
    }

    [Fact]
    public void The300LayoutRenamesMembersAndDropsThe2xOnes()
    {
        string order = Text(Vda5050Codec.Encode(SampleMessagesV3.FullOrder()));
        foreach (string gone in new[] { "zoneSetId", "startNodeId", "endNodeId", "rotationAllowed", "mapDescription", "\"maxSpeed\"", "actionDescription", "corridorRefPoint", "nodeDescription" })
        {
            Assert.DoesNotContain(gone, order, StringComparison.Ordinal);
        }

        Assert.Contains("\"allowedDeviationXY\":{\"a\":0.2,\"b\":0.1,\"theta\":0.5}", order, StringComparison.Ordinal);
        Assert.Contains("\"maximumSpeed\":1.2", order, StringComparison.Ordinal);
        Assert.Contains("\"corridorReferencePoint\":\"KINEMATIC_CENTER\"", order, StringComparison.Ordinal);
        Assert.Contains("\"blockingType\":\"SINGLE\"", order, StringComparison.Ordinal);

        string state = Text(Vda5050Codec.Encode(SampleMessagesV3.FullState()));
        foreach (string gone in new[] { "agvPosition", "batteryState", "\"eStop\"", "resultDescription", "positionInitialized", "batteryCharge" })
        {
            Assert.DoesNotContain(gone, state, StringComparison.Ordinal);
        }

        Assert.Contains("\"powerSupply\":{\"stateOfCharge\":80,\"batteryVoltage\":48.1,\"batteryCurrent\":-12.5,\"batteryHealth\":97,\"charging\":false,\"range\":12000}", state, StringComparison.Ordinal);
        Assert.Contains("\"activeEmergencyStop\":\"REMOTE\"", state, StringComparison.Ordinal);
        Assert.Contains("\"operatingMode\":\"INTERVENED\"", state, StringComparison.Ordinal);
    }

    [Fact]
    public void A2xRadiusIsSentOn300AsACircle()
    {
        Order order = SampleMessages.FullOrder();
        order.Version = "3.0.0";
        Assert.Contains("\"allowedDeviationXY\":{\"a\":0.1,\"b\":0.1,\"theta\":0}", Text(Vda5050Codec.Encode(order)), StringComparison.Ordinal);
    }

    [Fact]
    public void TeachInIsSpelledPerVersion()
    {
        State v2 = SampleMessages.MinimalState();
        v2.OperatingMode = OperatingMode.Teachin;
        State v3 = SampleMessagesV3.MinimalState();
        v3.OperatingMode = OperatingMode.Teachin;
        Assert.Contains("\"TEACHIN\"", Text(Vda5050Codec.Encode(v2)), StringComparison.Ordinal);
        Assert.Contains("\"TEACH_IN\"", Text(Vda5050Codec.Encode(v3)), StringComparison.Ordinal);
        Assert.True(Vda5050Codec.TryDecodeState(Vda5050Codec.Encode(v3), "state", "3.0.0", out State? back, out _));
        Assert.Equal(OperatingMode.Teachin, back!.OperatingMode);
    }
}

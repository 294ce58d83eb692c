using System.Text.Json;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>Every message we emit validates against the official VDA 5050 2.1.0 JSON schemas.</summary>
public sealed class SchemaValidationTests
{
    private static JsonSchemaValidator Schema(string name) =>
        JsonSchemaValidator.Load(SharedData.PathOf("vda5050", "schemas", "2.1.0", name + ".schema"));

    private static List<string> Validate(string schema, byte[] json) => Schema(schema).Validate(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void AnOrderWithEveryFieldValidatesAgainstTheOrderSchema() =>
        Assert.Empty(Validate("order", Vda5050Codec.Encode(SampleMessages.FullOrder())));

    [Fact]
    public void AStateWithEveryFieldValidatesAgainstTheStateSchema() =>
        Assert.Empty(Validate("state", Vda5050Codec.Encode(SampleMessages.FullState())));

    [Fact]
    public void AMinimalStateValidatesAgainstTheStateSchema() =>
        Assert.Empty(Validate("state", Vda5050Codec.Encode(SampleMessages.MinimalState())));

    [Fact]
    public void InstantActionsValidateAgainstTheInstantActionsSchema() =>
        Assert.Empty(Validate("instantActions", Vda5050Codec.Encode(SampleMessages.FullInstantActions())));

    [Theory]
    [InlineData(ConnectionState.Online)]
    [InlineData(ConnectionState.Offline)]
    [InlineData(ConnectionState.ConnectionBroken)]
    public void EveryConnectionStateValidatesAgainstTheConnectionSchema(ConnectionState state) =>
        Assert.Empty(Validate("connection", Vda5050Codec.Encode(SampleMessages.Connection(state))));

    [Fact]
    public void VisualizationValidatesAgainstTheVisualizationSchema() =>
        Assert.Empty(Validate("visualization", Vda5050Codec.Encode(SampleMessages.FullVisualization())));

    [Fact]
    public void TheRejectionErrorObjectValidatesAsAStateErrorEntry()
    {
        Assert.False(Vda5050Codec.TryDecodeOrder("{\"headerId\": 5, "u8, "order", "2.0.0", out _, out Vda5050Error? error));
        State state = SampleMessages.MinimalState();
        state.Errors.Add(error!);
        Assert.Empty(Validate("state", Vda5050Codec.Encode(state)));
    }

    [Fact]
    public void OptionalFieldsLeftNullAreOmittedAndEnumsAreTheSchemaStrings()
    {
        string json = System.Text.Encoding.UTF8.GetString(Vda5050Codec.Encode(SampleMessages.MinimalState()));
        Assert.DoesNotContain("agvPosition", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.Contains("\"operatingMode\":\"AUTOMATIC\"", json, StringComparison.Ordinal);
        Assert.Contains("\"eStop\":\"NONE\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TheValidatorRejectsMissingRequiredWrongEnumWrongTypeAndOutOfRange()
    {
        JsonSchemaValidator order = Schema("order");
        string good = System.Text.Encoding.UTF8.GetString(Vda5050Codec.Encode(SampleMessages.FullOrder()));
        Assert.Contains(order.Validate(JsonDocument.Parse(good.Replace("\"orderId\":\"order-1\",", "", StringComparison.Ordinal)).RootElement), e => e.Contains("'orderId' is missing", StringComparison.Ordinal));
        Assert.Contains(order.Validate(JsonDocument.Parse(good.Replace("\"HARD\"", "\"HARDER\"", StringComparison.Ordinal)).RootElement), e => e.Contains("is not one of", StringComparison.Ordinal));
        Assert.Contains(order.Validate(JsonDocument.Parse(good.Replace("\"orderUpdateId\":3", "\"orderUpdateId\":3.5", StringComparison.Ordinal)).RootElement), e => e.Contains("expected type", StringComparison.Ordinal));
        Assert.Contains(order.Validate(JsonDocument.Parse(good.Replace("\"theta\":3.14", "\"theta\":3.5", StringComparison.Ordinal)).RootElement), e => e.Contains("> maximum", StringComparison.Ordinal));
    }
}

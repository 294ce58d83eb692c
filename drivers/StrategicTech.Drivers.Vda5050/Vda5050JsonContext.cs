using System.Text.Json.Serialization;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050;

/// <summary>
/// Source-generated JSON for every message: schema property names, enums as the schema's strings, optional
/// members omitted when null, required members enforced on read, numbers never read from strings.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(InstantActions))]
[JsonSerializable(typeof(State))]
[JsonSerializable(typeof(Connection))]
[JsonSerializable(typeof(Visualization))]
[JsonSerializable(typeof(Vda5050Error))]
[JsonSerializable(typeof(Factsheet))]
[JsonSerializable(typeof(FactsheetV3))]
[JsonSerializable(typeof(ConnectionWireV3))]
[JsonSerializable(typeof(OrderWireV3))]
[JsonSerializable(typeof(StateWireV3))]
[JsonSerializable(typeof(VisualizationWireV3))]
[JsonSerializable(typeof(InstantActionsWireV3))]
[JsonSerializable(typeof(Responses))]
[JsonSerializable(typeof(ZoneSet))]
internal sealed partial class Vda5050JsonContext : JsonSerializerContext;

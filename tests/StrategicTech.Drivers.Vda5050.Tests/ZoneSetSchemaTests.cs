using System.Text;
using System.Text.Json;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>
/// The validator's if/then/else (the 3.0.0 zoneSet schema puts each zone type's members under if/then) on valid and
/// invalid zone sets, and the typed <see cref="ZoneSet"/> message: encoded strictly schema-valid, decoded back equal,
/// and a zone set breaking a per-type rule rejected on decode with a validationError naming the member.
/// </summary>
public sealed class ZoneSetSchemaTests
{
    private static JsonSchemaValidator Schema() => JsonSchemaValidator.LoadStrict(SharedData.PathOf("vda5050", "schemas", "3.0.0", "zoneSet.schema"));

    private static List<string> Validate(string json) => Schema().Validate(JsonDocument.Parse(json).RootElement);

    private static string WithZone(string zoneMembers) =>
        "{\"headerId\":1,\"timestamp\":\"2026-12-06T10:00:00.000Z\",\"version\":\"3.0.0\",\"manufacturer\":\"m\",\"serialNumber\":\"s\","
        + "\"zoneSet\":{\"mapId\":\"hall\",\"zoneSetId\":\"zs\",\"zones\":[{\"zoneId\":\"z\",\"vertices\":[{\"x\":0,\"y\":0},{\"x\":1,\"y\":0},{\"x\":1,\"y\":1}],"
        + zoneMembers + "}]}}";

    [Fact]
    public void IfThenElseAppliesThenWhenIfHoldsAndElseOtherwise()
    {
        var v = JsonSchemaValidator.FromText(
            """{"if":{"properties":{"kind":{"const":"a"}}},"then":{"required":["x"]},"else":{"required":["y"]}}""", strict: false);
        Assert.Empty(v.Validate(JsonDocument.Parse("""{"kind":"a","x":1}""").RootElement));
        Assert.Empty(v.Validate(JsonDocument.Parse("""{"kind":"b","y":1}""").RootElement));
        Assert.Equal(["$: required property 'x' is missing"], v.Validate(JsonDocument.Parse("""{"kind":"a","y":1}""").RootElement));
        Assert.Equal(["$: required property 'y' is missing"], v.Validate(JsonDocument.Parse("""{"kind":"b","x":1}""").RootElement));
    }

    [Fact]
    public void AZoneOfEveryTypeWithItsRequiredMembersValidatesStrictly()
    {
        Assert.Equal(10, Enum.GetValues<ZoneType>().Length); // the schema's zoneType enum has ten values
        Assert.Empty(Schema().Validate(JsonDocument.Parse(Vda5050Codec.Encode(SampleZoneSets.EveryType())).RootElement));
    }

    [Theory]
    [InlineData("\"zoneType\":\"RELEASE\"", "required property 'releaseLossBehavior' is missing")]
    [InlineData("\"zoneType\":\"RELEASE\",\"releaseLossBehavior\":\"RETURN\"", "is not one of")]
    [InlineData("\"zoneType\":\"SPEED_LIMIT\"", "required property 'maximumSpeed' is missing")]
    [InlineData("\"zoneType\":\"SPEED_LIMIT\",\"maximumSpeed\":\"fast\"", "expected type \"number\"")]
    [InlineData("\"zoneType\":\"ACTION\",\"entryActions\":[],\"duringActions\":[]", "required property 'exitActions' is missing")]
    [InlineData("\"zoneType\":\"PRIORITY\",\"priorityFactor\":1.5", "> maximum 1.0")]
    [InlineData("\"zoneType\":\"PENALTY\",\"penaltyFactor\":-0.1", "< minimum 0.0")]
    [InlineData("\"zoneType\":\"DIRECTED\",\"direction\":0,\"directedLimitation\":\"LOOSE\"", "is not one of")]
    [InlineData("\"zoneType\":\"BIDIRECTED\",\"direction\":0,\"bidirectedLimitation\":\"STRICT\"", "is not one of")]
    [InlineData("\"zoneType\":\"BIDIRECTED\",\"bidirectedLimitation\":\"SOFT\"", "required property 'direction' is missing")]
    public void AZoneMissingOrBreakingAMemberItsTypeRequiresIsInvalid(string members, string expected)
    {
        List<string> errors = Validate(WithZone(members));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AMemberOfAnotherZoneTypeIsUnknownToTheStrictCheckWhileItsOwnTypesMemberIsKnown()
    {
        Assert.Empty(Validate(WithZone("\"zoneType\":\"RELEASE\",\"releaseLossBehavior\":\"STOP\"")));
        List<string> errors = Validate(WithZone("\"zoneType\":\"BLOCKED\",\"releaseLossBehavior\":\"STOP\""));
        Assert.Equal(["$.zoneSet.zones[0].releaseLossBehavior: not a member the schema defines"], errors);
    }

    [Fact]
    public void AZoneWithTwoVerticesBreaksMinItems() =>
        Assert.Contains(
            Schema().Validate(JsonDocument.Parse(WithZone("\"zoneType\":\"BLOCKED\"").Replace(",{\"x\":1,\"y\":1}", "", StringComparison.Ordinal)).RootElement),
            e => e.Contains("2 items < minItems 3", StringComparison.Ordinal));

    [Fact]
    public void AZoneSetRoundTripsThroughTheCodecWithEveryTypesMembers()
    {
        ZoneSet sent = SampleZoneSets.EveryType();
        Assert.True(Vda5050Codec.TryDecodeZoneSet(Vda5050Codec.Encode(sent), "zoneSet", "3.0.0", out ZoneSet? back, out Vda5050Error? error), error?.ErrorDescription);
        Assert.Equal(
            sent.Definition.Zones.Select(z => (z.ZoneId, z.ZoneType, z.ReleaseLossBehavior, z.MaximumSpeedMps, z.PriorityFactor, z.PenaltyFactor, z.DirectionRad, z.DirectedLimitation, z.BidirectedLimitation)),
            back!.Definition.Zones.Select(z => (z.ZoneId, z.ZoneType, z.ReleaseLossBehavior, z.MaximumSpeedMps, z.PriorityFactor, z.PenaltyFactor, z.DirectionRad, z.DirectedLimitation, z.BidirectedLimitation)));
        Zone action = back.Definition.Zones[5];
        Assert.Equal("horn", action.EntryActions![0].ActionParameters![0].Value.GetString());
        Assert.Equal(BlockingType.Single, action.ExitActions![0].BlockingType);
        Assert.Empty(action.DuringActions!);
        Assert.Equal(sent.Definition.Zones[9].Vertices.Select(p => (p.XM, p.YM)), back.Definition.Zones[9].Vertices.Select(p => (p.XM, p.YM)));
    }

    [Theory]
    [InlineData("\"zoneType\":\"RELEASE\"", "zoneSet.zones[0].releaseLossBehavior")]
    [InlineData("\"zoneType\":\"PRIORITY\",\"priorityFactor\":2", "zoneSet.zones[0].priorityFactor")]
    [InlineData("\"zoneType\":\"ACTION\",\"entryActions\":[]", "zoneSet.zones[0]: an ACTION zone requires")]
    public void ADecodedZoneSetBreakingAPerTypeRuleIsRejectedWithAValidationErrorNamingTheMember(string members, string expected)
    {
        Assert.False(Vda5050Codec.TryDecodeZoneSet(Encoding.UTF8.GetBytes(WithZone(members)), "zoneSet", "3.0.0", out ZoneSet? message, out Vda5050Error? error));
        Assert.Null(message);
        Assert.Equal("validationError", error!.ErrorType);
        Assert.Contains(expected, error.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameZoneIdTwiceInASetIsRejected()
    {
        string json = WithZone("\"zoneType\":\"BLOCKED\"");
        string zone = json[(json.IndexOf("{\"zoneId\"", StringComparison.Ordinal))..json.LastIndexOf(']')];
        string twice = json.Replace(zone, zone + "," + zone, StringComparison.Ordinal);
        Assert.False(Vda5050Codec.TryDecodeZoneSet(Encoding.UTF8.GetBytes(twice), "zoneSet", "3.0.0", out _, out Vda5050Error? error));
        Assert.Contains("'z' appears twice", error!.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodingRefusesAZoneSetOnA2xConnectionAndAForeignMember()
    {
        ZoneSet on2 = SampleZoneSets.EveryType();
        on2.Version = "2.0.0";
        Assert.Throws<ArgumentException>(() => Vda5050Codec.Encode(on2));
        ZoneSet foreign = SampleZoneSets.EveryType();
        foreign.Definition.Zones[0].MaximumSpeedMps = 1; // a BLOCKED zone has no maximumSpeed
        Assert.Contains("zones[0].maximumSpeed", Assert.Throws<ArgumentException>(() => Vda5050Codec.Encode(foreign)).Message, StringComparison.Ordinal);
    }
}

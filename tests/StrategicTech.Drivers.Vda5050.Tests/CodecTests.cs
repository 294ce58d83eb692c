using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Tests;

public sealed class CodecTests
{
    /// <summary>A hand-written 2.0 order as a master would send it (the schemas' repository ships no example messages).</summary>
    private const string GoldenOrder = """
        {"headerId":1,"timestamp":"2026-12-06T04:40:03.12Z","version":"2.0.0","manufacturer":"Acme","serialNumber":"agv-7",
         "orderId":"o-17","orderUpdateId":0,
         "nodes":[{"nodeId":"n1","sequenceId":0,"released":true,"nodePosition":{"x":0.0,"y":1.5,"mapId":"m"},"actions":[]},
                  {"nodeId":"n2","sequenceId":2,"released":true,"actions":[{"actionType":"pick","actionId":"p1","blockingType":"HARD",
                    "actionParameters":[{"key":"stationType","value":"floor"},{"key":"height","value":0.0}]}]}],
         "edges":[{"edgeId":"e1","sequenceId":1,"released":true,"startNodeId":"n1","endNodeId":"n2","maxSpeed":1.0,"actions":[]}]}
        """;

    [Fact]
    public void AGoldenOrderDecodesIntoItsFields()
    {
        Assert.True(Vda5050Codec.TryDecodeOrder(System.Text.Encoding.UTF8.GetBytes(GoldenOrder), "order", "2.0.0", out Order? order, out Vda5050Error? error), error?.ErrorDescription);
        Assert.Equal("o-17", order!.OrderId);
        Assert.Equal(2, order.Nodes.Count);
        Assert.Equal(BlockingType.Hard, order.Nodes[1].Actions[0].BlockingType);
        Assert.Equal("floor", order.Nodes[1].Actions[0].ActionParameters![0].Value.GetString());
        Assert.Equal(1.0, order.Edges[0].MaxSpeedMps);
        Assert.Null(order.Edges[0].Trajectory);
    }

    [Theory]
    [InlineData("{\"headerId\": 3, \"timestamp\": ", "topic", "3")]
    [InlineData("[1,2]", "topic", null)]
    [InlineData("", "topic", null)]
    public void MalformedJsonYieldsAValidationErrorObjectNamingTheTopic(string json, string key, string? headerId)
    {
        Assert.False(Vda5050Codec.TryDecodeOrder(System.Text.Encoding.UTF8.GetBytes(json), "order", "2.0.0", out Order? order, out Vda5050Error? error));
        Assert.Null(order);
        Assert.Equal("validationError", error!.ErrorType);
        Assert.Equal(ErrorLevel.Warning, error.ErrorLevel);
        Assert.Equal(key, error.ErrorReferences![0].ReferenceKey);
        Assert.Equal("order", error.ErrorReferences[0].ReferenceValue);
        Assert.Equal(headerId, error.ErrorReferences.Skip(1).FirstOrDefault()?.ReferenceValue);
    }

    [Theory]
    [InlineData("\"orderId\":\"o-17\",", "")] // required field missing
    [InlineData("\"orderUpdateId\":0", "\"orderUpdateId\":\"0\"")] // number as a string
    [InlineData("\"orderUpdateId\":0", "\"orderUpdateId\":-1")] // below the schema's minimum 0
    [InlineData("\"HARD\"", "\"hard\"")] // enum string not in the schema
    [InlineData("\"released\":true,\"nodePosition\"", "\"released\":1,\"nodePosition\"")] // boolean as a number
    [InlineData("\"version\":\"2.0.0\"", "\"version\":\"3.0.0\"")] // another major version than this connection's
    public void AnInvalidOrderIsRejectedWithTheErrorObjectAndItsHeaderId(string from, string to)
    {
        string json = GoldenOrder.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(GoldenOrder, json);
        Assert.False(Vda5050Codec.TryDecodeOrder(System.Text.Encoding.UTF8.GetBytes(json), "order", "2.0.0", out _, out Vda5050Error? error));
        Assert.Equal("validationError", error!.ErrorType);
        Assert.Contains(error.ErrorReferences!, r => r.ReferenceKey == "headerId" && r.ReferenceValue == "1");
        Assert.False(string.IsNullOrEmpty(error.ErrorDescription));
    }

    [Property(MaxTest = 300)]
    public void OrdersRoundTripThroughJsonByteForByte(NonEmptyString orderId, uint updateId, PositiveInt nodeCount, NormalFloat x, bool released)
    {
        int nodes = Math.Min(nodeCount.Get, 20);
        var order = SampleMessages.Header(new Order
        {
            HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
            OrderId = orderId.Get,
            OrderUpdateId = updateId,
            Nodes = [.. Enumerable.Range(0, nodes).Select(k => new Node
            {
                NodeId = $"n{k}", SequenceId = (uint)(2 * k), Released = released || k == 0,
                NodePosition = k % 2 == 0 ? new NodePosition { XM = x.Get * k, YM = -x.Get, MapId = "m" } : null,
                Actions = k == 1 ? [SampleMessages.Action("pick", "a" + k)] : [],
            })],
            Edges = [.. Enumerable.Range(0, nodes - 1).Select(k => new Edge
            {
                EdgeId = $"e{k}", SequenceId = (uint)((2 * k) + 1), Released = released, StartNodeId = $"n{k}", EndNodeId = $"n{k + 1}",
                MaxSpeedMps = k % 3 == 0 ? Math.Abs(x.Get) : null, Actions = [],
            })],
        });
        byte[] first = Vda5050Codec.Encode(order);
        Assert.True(Vda5050Codec.TryDecodeOrder(first, "order", "2.0.0", out Order? decoded, out Vda5050Error? error), error?.ErrorDescription);
        Assert.Equal(first, Vda5050Codec.Encode(decoded!));
    }

    [Fact]
    public void TopicsFollowTheInterfaceVersionManufacturerSerialLayout()
    {
        Assert.Equal("uagv/v2/Acme/agv-7/order", Vda5050Topics.For("uagv", "2.1.0", "Acme", "agv-7", Vda5050Topics.Order));
        Assert.Equal("uagv/v3/+/+/state", Vda5050Topics.AllAgvs("uagv", "3.0.0", Vda5050Topics.State));
        Assert.True(Vda5050Topics.TryParse("uagv/v2/Acme/agv-7/connection", out string m, out string s, out string t));
        Assert.Equal(("Acme", "agv-7", "connection"), (m, s, t));
        Assert.False(Vda5050Topics.TryParse("uagv/v2/Acme/connection", out _, out _, out _));
    }
}

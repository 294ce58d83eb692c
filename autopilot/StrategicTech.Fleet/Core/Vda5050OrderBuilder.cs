using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Site;

namespace StrategicTech.Fleet.Core;

/// <summary>
/// Writes a robot's plan as a VDA 5050 order: node i (sequence id 2i) is the i-th vertex, edge i→i+1 has sequence id
/// 2i+1; nodes and edges up to the released move count are the base, the rest the horizon. An update starts at the
/// last node of the previous base (same node and sequence id), as the standard's stitching rule asks. A node's
/// actions are the plan's actions at its index (hard blocking: the robot stands while it picks, drops or docks).
/// </summary>
public static class Vda5050OrderBuilder
{
    public static Order Build(FleetSite site, RobotPlan plan, int fromNode, int releasedMoves, double maxSpeedMps)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(plan);
        if (fromNode < 0 || fromNode > releasedMoves || releasedMoves > plan.MoveCount)
        {
            throw new ArgumentOutOfRangeException(nameof(fromNode), $"nodes from {fromNode} with {releasedMoves} of {plan.MoveCount} moves released");
        }

        var nodes = new List<Node>();
        var edges = new List<Edge>();
        for (int i = fromNode; i < plan.NodeVertices.Count; i++)
        {
            (double x, double y) = site.PositionOf(plan.NodeVertices[i]);
            bool last = i == plan.NodeVertices.Count - 1;
            nodes.Add(new Node
            {
                NodeId = site.NodeIdOfVertex(plan.NodeVertices[i]),
                SequenceId = (uint)(2 * i),
                Released = i <= releasedMoves,
                NodePosition = new NodePosition { XM = x, YM = y, MapId = site.MapId, AllowedDeviationXyM = site.CellSizeM * 0.1 },
                Actions = [.. plan.Actions.Where(a => a.Node == i).Select(a => new Vda5050Action { ActionType = a.Type, ActionId = a.Id, BlockingType = BlockingType.Hard })],
            });
            if (!last)
            {
                edges.Add(new Edge
                {
                    EdgeId = site.NodeIdOfVertex(plan.NodeVertices[i]) + "-" + site.NodeIdOfVertex(plan.NodeVertices[i + 1]),
                    SequenceId = (uint)((2 * i) + 1),
                    Released = i + 1 <= releasedMoves,
                    StartNodeId = site.NodeIdOfVertex(plan.NodeVertices[i]),
                    EndNodeId = site.NodeIdOfVertex(plan.NodeVertices[i + 1]),
                    MaxSpeedMps = maxSpeedMps,
                    LengthM = site.CellSizeM,
                    Actions = [],
                });
            }
        }

        return new Order
        {
            HeaderId = 0,
            Timestamp = string.Empty,
            Version = string.Empty,
            Manufacturer = string.Empty,
            SerialNumber = string.Empty,
            OrderId = plan.OrderId,
            OrderUpdateId = plan.OrderUpdateId,
            Nodes = nodes,
            Edges = edges,
        };
    }
}

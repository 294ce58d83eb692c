namespace StrategicTech.Fleet.Core;

/// <summary>
/// A node action of a planned order (<c>pick</c>, <c>drop</c>, <c>startCharging</c>) at node index
/// <see cref="Node"/>, with what the robot reported of it and whether its outcome was applied to the transport order.
/// </summary>
public sealed class PlanAction(int node, string type, string id)
{
    public int Node { get; } = node;

    public string Type { get; } = type;

    public string Id { get; } = id;

    public bool Finished { get; set; }

    public bool Failed { get; set; }

    /// <summary>Its outcome (picked, delivered, charging) has been taken into the manager's state.</summary>
    public bool Applied { get; set; }

    public bool Terminal => Finished || Failed;
}

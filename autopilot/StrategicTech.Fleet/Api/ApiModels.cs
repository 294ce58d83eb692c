using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Orders;

namespace StrategicTech.Fleet.Api;

/// <summary>POST /orders body: a transport order as a WMS sends it. <c>id</c> is optional; sending the same id again is an idempotent retry.</summary>
public sealed record OrderRequest(string? Id, string? From, string? To, string? Load, int? Priority, DateTimeOffset? Deadline);

/// <summary>An order as the API reports it.</summary>
public sealed record OrderView(
    string Id, string From, string To, string Load, int Priority, DateTimeOffset? Deadline, string Phase, string? Robot,
    DateTimeOffset AcceptedAt, DateTimeOffset? CompletedAt, string? FailureReason)
{
    public static OrderView Of(TransportOrder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.From, o.To, o.Load, o.Priority, o.Deadline, o.Phase.ToString(), o.Robot, o.AcceptedAt, o.CompletedAt, o.FailureReason);
    }
}

/// <summary>A robot as the API reports it (<c>node</c>: last node reached, null until known).</summary>
public sealed record RobotView(
    string SerialNumber, string Manufacturer, string? Node, bool Online, double BatteryPercent, bool Charging, bool Paused,
    bool EStopped, string? OrderId, int OrdersCompleted, RobotFactsheet? Factsheet = null)
{
    public static RobotView Of(FleetRobot r, Site.FleetSite site)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(site);
        return new(r.SerialNumber, r.Manufacturer, r.Vertex >= 0 ? site.NodeIdOfVertex(r.Vertex) : null, r.Online, r.BatteryPercent,
            r.Charging, r.Paused, r.EStopped, r.OrderId, r.OrdersCompleted, r.Factsheet);
    }
}

/// <summary>A rectangle of cells (inclusive corners) for zone commands.</summary>
public sealed record ZoneRequest(int X0, int Y0, int X1, int Y1);

/// <summary>How many robots a pause / resume / e-stop command reached.</summary>
public sealed record CommandResult(int Robots);

namespace StrategicTech.Fleet.Orders;

/// <summary>Where a transport order is in its life. Pending → Assigned (robot driving to the source) → Loaded (to the destination) → Completed; or Cancelled / Failed.</summary>
public enum OrderPhase
{
    Pending,
    Assigned,
    Loaded,
    Completed,
    Cancelled,
    Failed,
}

/// <summary>
/// A transport order as a warehouse management system sends it: move <see cref="Load"/> from location
/// <see cref="From"/> to <see cref="To"/> (node ids <c>c{x}_{y}</c>), with a priority (higher first) and an optional
/// deadline. <see cref="Sequence"/> is the store's acceptance number (first come, first served among equals).
/// </summary>
public sealed record TransportOrder(
    string Id,
    string From,
    string To,
    string Load,
    int Priority,
    DateTimeOffset? Deadline,
    long Sequence,
    OrderPhase Phase,
    string? Robot,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? CompletedAt,
    string? FailureReason)
{
    /// <summary>A time cut to whole microseconds, the precision of PostgreSQL's timestamptz, so a stored deadline equals the requested one on every store.</summary>
    public static DateTimeOffset? ToMicroseconds(DateTimeOffset? t) => t is { } v ? v.AddTicks(-(v.Ticks % 10)) : null;

    public bool IsOpen => Phase is OrderPhase.Pending or OrderPhase.Assigned or OrderPhase.Loaded;

    /// <summary>Same request (id, locations, load, priority, deadline): a retried POST, not a conflicting one.</summary>
    public bool SameRequestAs(TransportOrder other) =>
        other is not null && Id == other.Id && From == other.From && To == other.To && Load == other.Load
        && Priority == other.Priority && Deadline == other.Deadline;
}

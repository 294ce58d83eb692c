namespace StrategicTech.Fleet.Orders;

/// <summary>
/// Durable record of orders and their assignments. <see cref="AcceptAsync"/> completes only once the order is
/// on stable storage (the HTTP 201 waits for it); later phase changes go through the same ordered queue.
/// </summary>
public interface IFleetStore : IAsyncDisposable
{
    /// <summary>Every order stored, in acceptance order.</summary>
    IReadOnlyList<TransportOrder> LoadAll();

    /// <summary>Stores a new order durably; returns the stored order (an existing one with the same id is returned unchanged).</summary>
    Task<TransportOrder> AcceptAsync(TransportOrder order, CancellationToken cancellation);

    /// <summary>Queues an update of an order already stored (phase, robot, completion); the task completes when it is durable.</summary>
    Task UpdateAsync(TransportOrder order);

    /// <summary>Writes that failed (each also fails the caller's task); the store keeps running.</summary>
    long FailedWrites { get; }
}

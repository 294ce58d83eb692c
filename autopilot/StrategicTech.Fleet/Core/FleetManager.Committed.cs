using StrategicTech.Fleet.Orders;

namespace StrategicTech.Fleet.Core;

/// <summary>
/// The committed view of the orders: what the store has committed, which is what the HTTP API reports. The manager
/// changes an order in memory at once and queues the write (its loop never waits for I/O); the view takes the new
/// record only after the store acknowledges the commit, so a process kill can never take back a phase a client saw.
/// </summary>
public sealed partial class FleetManager
{
    private readonly Lock _committedGate = new();
    private readonly Dictionary<string, (TransportOrder Order, long Write)> _committed = new(StringComparer.Ordinal);
    private long _writeCount;

    /// <summary>Every order as last committed by the store, in acceptance order (the API's view).</summary>
    public IReadOnlyList<TransportOrder> CommittedOrders()
    {
        lock (_committedGate)
        {
            return [.. _committed.Values.Select(c => c.Order).OrderBy(o => o.Sequence)];
        }
    }

    /// <summary>The order as last committed by the store; null when unknown.</summary>
    public TransportOrder? CommittedOrder(string id)
    {
        lock (_committedGate)
        {
            return _committed.TryGetValue(id, out (TransportOrder Order, long Write) c) ? c.Order : null;
        }
    }

    /// <summary>
    /// Cancels an order not yet picked up; completes once the cancellation is committed (and shown), so a 204 is
    /// never answered for a cancellation a kill could undo. False when it is unknown or already loaded or closed.
    /// </summary>
    public async Task<bool> CancelAsync(string id)
    {
        Task committed;
        lock (_gate)
        {
            if (!_orders.TryGetValue(id, out TransportOrder? o) || o.Phase != OrderPhase.Pending)
            {
                return false;
            }

            committed = Persist(o with { Phase = OrderPhase.Cancelled });
        }

        await committed.ConfigureAwait(false);
        return true;
    }

    /// <summary>Under <c>_gate</c>: a record read from or just committed by the store is shown as it is.</summary>
    private void ShowStored(TransportOrder order)
    {
        long write = ++_writeCount;
        lock (_committedGate)
        {
            _committed[order.Id] = (order, write);
        }
    }

    /// <summary>
    /// Under <c>_gate</c>: applies the change in memory and queues its write; the returned task completes after
    /// the commit, once the committed view holds the record.
    /// </summary>
    private Task Persist(TransportOrder order)
    {
        _orders[order.Id] = order;
        return ShowWhenCommittedAsync(order, ++_writeCount, _store.UpdateAsync(order)); // ordered after the accept
    }

    private async Task ShowWhenCommittedAsync(TransportOrder order, long write, Task commit)
    {
        await commit.ConfigureAwait(false); // a failed write is counted by the store; the view keeps the last committed record
        lock (_committedGate)
        {
            // Acknowledgements may be observed out of order (continuations run on the pool): never step back.
            if (!_committed.TryGetValue(order.Id, out (TransportOrder Order, long Write) shown) || shown.Write < write)
            {
                _committed[order.Id] = (order, write);
            }
        }
    }
}

using StrategicTech.Fleet.Orders;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// A store in front of a real one that holds every update until the test lets it through: the manager's write is
/// queued but its commit has not landed (as when the background writer lags under load). Accepts pass at once.
/// </summary>
internal sealed class HeldCommitStore(IFleetStore inner) : IFleetStore
{
    private readonly Lock _gate = new();
    private readonly Queue<(TransportOrder Order, TaskCompletionSource Done)> _held = new();

    public long FailedWrites => inner.FailedWrites;

    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>What the real store has committed, read on a connection of its own.</summary>
    public IReadOnlyList<TransportOrder> LoadAll() => inner.LoadAll();

    public Task<TransportOrder> AcceptAsync(TransportOrder order, CancellationToken cancellation) => inner.AcceptAsync(order, cancellation);

    public Task UpdateAsync(TransportOrder order)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _held.Enqueue((order, done));
        }

        return done.Task;
    }

    /// <summary>Lets the oldest held update through to the real store; returns it once its commit has landed.</summary>
    public async Task<TransportOrder> ReleaseOneAsync()
    {
        (TransportOrder Order, TaskCompletionSource Done) write;
        lock (_gate)
        {
            write = _held.Dequeue();
        }

        await inner.UpdateAsync(write.Order);
        write.Done.SetResult();
        return write.Order;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the harness owns the real store
}

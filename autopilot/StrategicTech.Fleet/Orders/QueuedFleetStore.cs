using System.Data.Common;
using System.Threading.Channels;

namespace StrategicTech.Fleet.Orders;

/// <summary>
/// The write path shared by the SQL stores: one background writer drains a queue and commits what is waiting in
/// one transaction, so many concurrent HTTP requests cost one commit (one fsync); each request's task completes
/// after the commit that holds it. Reads happen at start-up only: the fleet manager keeps the live state in memory.
/// </summary>
public abstract class QueuedFleetStore : IFleetStore
{
    private const int MaxBatch = 512;
    private readonly Channel<Write> _queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _writerTask;
    private long _failedWrites;

    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    /// <summary>Connection the writer owns (opened by the subclass before <see cref="StartWriter"/>).</summary>
    protected abstract DbConnection Writer { get; }

    public abstract IReadOnlyList<TransportOrder> LoadAll();

    public async Task<TransportOrder> AcceptAsync(TransportOrder order, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(order);
        var write = new Write(order, Insert: true);
        await _queue.Writer.WriteAsync(write, cancellation).ConfigureAwait(false);
        return await write.Done.Task.ConfigureAwait(false);
    }

    public Task UpdateAsync(TransportOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var write = new Write(order, Insert: false);
        if (!_queue.Writer.TryWrite(write))
        {
            return Task.FromException(new ObjectDisposedException(GetType().Name));
        }

        return write.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writerTask is not null)
        {
            await _writerTask.ConfigureAwait(false);
        }

        await Writer.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Called once by the subclass's constructor after the schema exists.</summary>
    protected void StartWriter() => _writerTask = Task.Run(WriteLoopAsync);

    /// <summary>Inserts the order unless its id exists; returns the stored row (the existing one on a retry).</summary>
    protected abstract TransportOrder Insert(DbTransaction tx, TransportOrder order);

    /// <summary>Writes phase, robot, completion and failure of an existing order.</summary>
    protected abstract void Update(DbTransaction tx, TransportOrder order);

    private async Task WriteLoopAsync()
    {
        var batch = new List<Write>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out Write? w))
            {
                batch.Add(w);
            }

            var results = new TransportOrder[batch.Count];
            try
            {
                using DbTransaction tx = Writer.BeginTransaction();
                for (int i = 0; i < batch.Count; i++)
                {
                    if (batch[i].Insert)
                    {
                        results[i] = Insert(tx, batch[i].Order);
                    }
                    else
                    {
                        Update(tx, batch[i].Order);
                        results[i] = batch[i].Order;
                    }
                }

                tx.Commit();
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // A failed commit fails every request it held (no 201 without a commit); the writer carries on.
                Interlocked.Add(ref _failedWrites, batch.Count);
                foreach (Write w in batch)
                {
                    w.Done.TrySetException(e);
                }

                continue;
            }

            for (int i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
    }

    private sealed record Write(TransportOrder Order, bool Insert)
    {
        public TaskCompletionSource<TransportOrder> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

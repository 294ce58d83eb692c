using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>
/// The campaign work queue on NATS JetStream: stream <see cref="StreamName"/> with work-queue retention (a job
/// leaves the stream when a worker acknowledges it), one durable pull consumer shared by every worker with
/// explicit acknowledgement, an ack wait (a job not acknowledged in time — its worker died — is delivered
/// again) that workers extend with in-progress acknowledgements, and a delivery limit. Each job is published with
/// its key as message id, so republishing a campaign within the duplicate window adds nothing.
/// </summary>
public sealed class NatsJobQueue : IAsyncDisposable
{
    public const string StreamName = "SITL_BATCH";
    public const string ConsumerName = "sitl-batch-workers";
    public const string SubjectPrefix = "sitl.batch.jobs.";

    private readonly NatsConnection _connection;
    private readonly NatsJSContext _js;

    private NatsJobQueue(NatsConnection connection)
    {
        _connection = connection;
        _js = new NatsJSContext(connection);
    }

    public static async Task<NatsJobQueue> ConnectAsync(string url, CancellationToken cancellation)
    {
        var connection = new NatsConnection(new NatsOpts { Url = url, Name = "autonomy sitl batch" });
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15), cancellation).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new NatsJobQueue(connection);
    }

    /// <summary>Creates (or updates) the stream and the workers' consumer.</summary>
    public async Task EnsureAsync(TimeSpan ackWait, int maxDeliver, CancellationToken cancellation)
    {
        await _js.CreateOrUpdateStreamAsync(new StreamConfig(StreamName, [SubjectPrefix + ">"])
        {
            Retention = StreamConfigRetention.Workqueue,
            Storage = StreamConfigStorage.File,
        }, cancellation).ConfigureAwait(false);
        await _js.CreateOrUpdateConsumerAsync(StreamName, new ConsumerConfig(ConsumerName)
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            AckWait = ackWait,
            MaxDeliver = maxDeliver,
        }, cancellation).ConfigureAwait(false);
    }

    public async Task PublishAsync(IEnumerable<BatchJob> jobs, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        foreach (BatchJob job in jobs)
        {
            PubAckResponse ack = await _js.PublishAsync(SubjectPrefix + job.Campaign, job.ToJson(), opts: new NatsJSPubOpts { MsgId = job.Key }, cancellationToken: cancellation).ConfigureAwait(false);
            ack.EnsureSuccess();
        }
    }

    /// <summary>Jobs not yet delivered and jobs delivered but not acknowledged (running, or waiting for redelivery).</summary>
    public async Task<(ulong Pending, long AckPending)> StateAsync(CancellationToken cancellation)
    {
        INatsJSConsumer consumer = await _js.GetConsumerAsync(StreamName, ConsumerName, cancellation).ConfigureAwait(false);
        return (consumer.Info.NumPending, consumer.Info.NumAckPending);
    }

    /// <summary>The workers' consumer, waiting until a coordinator has created it.</summary>
    public async Task<INatsJSConsumer> WaitForConsumerAsync(CancellationToken cancellation)
    {
        while (true)
        {
            try
            {
                return await _js.GetConsumerAsync(StreamName, ConsumerName, cancellation).ConfigureAwait(false);
            }
            catch (NatsJSApiException e) when (e.Error.Code == 404)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation).ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

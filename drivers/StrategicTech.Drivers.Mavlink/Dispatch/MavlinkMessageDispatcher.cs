using System.Reactive.Linq;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Delivers received frames, decoded, to the handlers subscribed to their message type: the real-time path
/// (<see cref="MessageHandler{TMessage}"/> or an <see cref="IMessageHandler{TMessage}"/> struct; per frame one table
/// lookup by id, one decode shared by all handlers of that type, no boxing, no allocation) and, built on it,
/// <see cref="Observe{TMessage}"/> for UIs (System.Reactive; allocates per message only in what observers do).
/// Subscribing and disposing allocate and may happen on any thread, while frames flow (copy-on-write tables);
/// <see cref="Dispatch"/> runs on one thread at a time (the caller's receive thread or lock). A handler that
/// throws is counted in <see cref="HandlerErrors"/> and does not stop the others.
/// </summary>
public sealed class MavlinkMessageDispatcher
{
    // Ids below this index an array directly (every common telemetry id); larger ones go through a dictionary.
    private const int DirectIds = 1024;

    private readonly Lock _lock = new();
    private TypeEntry?[] _direct = new TypeEntry?[DirectIds];
    private Dictionary<uint, TypeEntry> _others = [];
    private long _handlerErrors;

    /// <summary>Frames delivered to at least one handler.</summary>
    public long Dispatched { get; private set; }

    /// <summary>Exceptions thrown by handlers (caught, so one faulty handler cannot stop the receive loop).</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    /// <summary>Calls <paramref name="handler"/> for every <typeparamref name="TMessage"/> received until the result is disposed.</summary>
    public IDisposable Subscribe<TMessage>(MessageHandler<TMessage> handler)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(new DelegateSubscriber<TMessage>(handler));
    }

    /// <summary>Calls <paramref name="handler"/>'s <see cref="IMessageHandler{TMessage}.Handle"/> for every <typeparamref name="TMessage"/> until the result is disposed.</summary>
    public IDisposable Subscribe<TMessage, THandler>(THandler handler)
        where TMessage : struct, IMavlinkMessage<TMessage>
        where THandler : IMessageHandler<TMessage>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(new HandlerSubscriber<TMessage, THandler>(handler));
    }

    /// <summary>Messages of one type as an observable, for UIs and logs (not the real-time loop).</summary>
    public IObservable<ReceivedMessage<TMessage>> Observe<TMessage>()
        where TMessage : struct, IMavlinkMessage<TMessage> =>
        Observable.Create<ReceivedMessage<TMessage>>(observer =>
            Subscribe((in TMessage message, in MavlinkFrameHeader header) => observer.OnNext(new ReceivedMessage<TMessage>(message, header))));

    /// <summary>True when some handler wants message <paramref name="messageId"/>.</summary>
    public bool HasSubscribers(uint messageId) => Find(messageId) is not null;

    /// <summary>Decodes a checked frame once and calls every handler of its type. No allocation.</summary>
    public void Dispatch(in MavlinkFrame frame, long receivedUs)
    {
        if (!frame.IsKnown)
        {
            return;
        }

        TypeEntry? entry = Find(frame.MessageId);
        if (entry is null)
        {
            return;
        }

        Dispatched++;
        var header = MavlinkFrameHeader.From(frame, receivedUs);
        int errors = entry.Dispatch(frame.Payload, header);
        if (errors > 0)
        {
            Interlocked.Add(ref _handlerErrors, errors);
        }
    }

    private TypeEntry? Find(uint messageId)
    {
        if (messageId < DirectIds)
        {
            return Volatile.Read(ref _direct)[messageId];
        }

        return Volatile.Read(ref _others).GetValueOrDefault(messageId);
    }

    private Subscription Add<TMessage>(Subscriber<TMessage> subscriber)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        uint id = TMessage.MessageId;
        lock (_lock)
        {
            var entry = (TypeEntry<TMessage>?)Find(id);
            var updated = new TypeEntry<TMessage>(entry is null ? [subscriber] : [.. entry.Subscribers, subscriber]);
            Replace(id, updated);
        }

        return new Subscription(() => Remove(subscriber));
    }

    private void Remove<TMessage>(Subscriber<TMessage> subscriber)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        uint id = TMessage.MessageId;
        lock (_lock)
        {
            if (Find(id) is not TypeEntry<TMessage> entry)
            {
                return;
            }

            Subscriber<TMessage>[] remaining = entry.Subscribers.Where(s => !ReferenceEquals(s, subscriber)).ToArray();
            Replace(id, remaining.Length == 0 ? null : new TypeEntry<TMessage>(remaining));
        }
    }

    private void Replace(uint id, TypeEntry? entry)
    {
        if (id < DirectIds)
        {
            var direct = (TypeEntry?[])_direct.Clone();
            direct[id] = entry;
            Volatile.Write(ref _direct, direct);
            return;
        }

        var others = new Dictionary<uint, TypeEntry>(_others);
        if (entry is null)
        {
            others.Remove(id);
        }
        else
        {
            others[id] = entry;
        }

        Volatile.Write(ref _others, others);
    }

    private abstract class TypeEntry
    {
        /// <summary>Returns the number of handlers that threw.</summary>
        public abstract int Dispatch(ReadOnlySpan<byte> payload, in MavlinkFrameHeader header);
    }

    private sealed class TypeEntry<TMessage>(Subscriber<TMessage>[] subscribers) : TypeEntry
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        public Subscriber<TMessage>[] Subscribers { get; } = subscribers;

        public override int Dispatch(ReadOnlySpan<byte> payload, in MavlinkFrameHeader header)
        {
            TMessage message = TMessage.Decode(payload);
            int errors = 0;
            foreach (Subscriber<TMessage> subscriber in Subscribers)
            {
                try
                {
                    subscriber.Invoke(message, header);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    errors++;
                }
            }

            return errors;
        }
    }

    private abstract class Subscriber<TMessage>
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        public abstract void Invoke(in TMessage message, in MavlinkFrameHeader header);
    }

    private sealed class DelegateSubscriber<TMessage>(MessageHandler<TMessage> handler) : Subscriber<TMessage>
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        public override void Invoke(in TMessage message, in MavlinkFrameHeader header) => handler(message, header);
    }

    private sealed class HandlerSubscriber<TMessage, THandler>(THandler handler) : Subscriber<TMessage>
        where TMessage : struct, IMavlinkMessage<TMessage>
        where THandler : IMessageHandler<TMessage>
    {
        // A field of the exact handler type: for a struct handler the call is constrained, so it is never boxed
        // (the field is readonly: a struct handler carries references to its state, not the state itself).
        private readonly THandler _handler = handler;

        public override void Invoke(in TMessage message, in MavlinkFrameHeader header) => _handler.Handle(message, header);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

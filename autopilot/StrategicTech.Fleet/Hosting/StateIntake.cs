using System.Buffers;
using System.Text.Json;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Fleet.Hosting;

/// <summary>
/// Robot states from the broker's receive threads to the manager, off those threads. <see cref="Offer"/> copies a
/// payload into the robot's preallocated slot (no allocation once the robot's slot exists and is large enough) and
/// marks the slot ready; one worker thread decodes the slots' states and hands them on. While the worker is behind
/// (the manager's lock held by planning, a burst), a robot's newer state replaces its older pending one: a VDA 5050
/// state is a full snapshot, so the latest carries everything the manager reads. The one exception: when the order
/// id changes between the pending state and the newer one, the pending state is held back and handed on first, so
/// the last report on an order (its final action FINISHED, its last node) is never replaced by the next order's.
/// </summary>
public sealed class StateIntake : IDisposable
{
    private const int MaxPayloadBytes = 1 << 20; // larger than any state of an order with a few hundred nodes
    private readonly Action<State> _consumer;
    private readonly string? _expectedVersion;
    // Lock-free lookup: every broker receive thread finds its robot's slot here on every state.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Slot> _slotOfTopic = new(StringComparer.Ordinal);
    private readonly Queue<Slot> _ready = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Thread _worker;
    private readonly CancellationTokenSource _stop = new();
    private byte[] _scratch = new byte[4096];
    private long _offered;
    private long _coalesced;
    private long _rejected;
    private long _tooLarge;
    private long _consumerFailures;
    private long _decodedInPlace;

    /// <param name="consumer">Called on the intake's worker thread, one state at a time. The state may be its robot's reused instance, overwritten by the robot's next state: the consumer must not keep it.</param>
    /// <param name="expectedVersion">Protocol version the states must carry (as <see cref="Vda5050Codec.TryDecodeState"/>).</param>
    public StateIntake(Action<State> consumer, string? expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        _consumer = consumer;
        _expectedVersion = expectedVersion;
        _worker = new Thread(Run) { IsBackground = true, Name = "fleet state intake" };
        _worker.Start();
    }

    /// <summary>A state that did not decode: the VDA 5050 error and the topic it came on (on the worker thread).</summary>
    public event Action<Vda5050Error, string>? Rejected;

    /// <summary>States offered.</summary>
    public long Offered => Interlocked.Read(ref _offered);

    /// <summary>Pending states replaced by a newer one of the same robot and order before the worker took them.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    /// <summary>States that did not decode, plus those refused as larger than 1 MiB.</summary>
    public long RejectedCount => Interlocked.Read(ref _rejected) + Interlocked.Read(ref _tooLarge);

    /// <summary>States decoded into their robot's reused state by <see cref="ReusedStateDecoder"/> (the rest went through the codec).</summary>
    public long DecodedInPlace => Interlocked.Read(ref _decodedInPlace);

    /// <summary>States the consumer threw on.</summary>
    public long ConsumerFailures => Interlocked.Read(ref _consumerFailures);

    /// <summary>Takes a state payload that came on <paramref name="topic"/> (thread-safe; copies, never blocks on the manager).</summary>
    public void Offer(string topic, in ReadOnlySequence<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Interlocked.Increment(ref _offered);
        if (payload.Length > MaxPayloadBytes)
        {
            Interlocked.Increment(ref _tooLarge);
            return;
        }

        Slot slot = _slotOfTopic.TryGetValue(topic, out Slot? known) ? known : _slotOfTopic.GetOrAdd(topic, t => new Slot(t)); // made once per robot
        bool enqueue;
        lock (slot)
        {
            if (slot.LatestPending && !SameOrder(slot.Latest.AsSpan(0, slot.LatestLength), payload))
            {
                if (slot.HeldPending)
                {
                    Interlocked.Increment(ref _coalesced); // a second order change within one pending window: the newest wins
                }
                else
                {
                    (slot.Held, slot.Latest) = (slot.Latest, slot.Held);
                    slot.HeldLength = slot.LatestLength;
                    slot.HeldPending = true;
                    slot.LatestPending = false;
                }
            }
            else if (slot.LatestPending)
            {
                Interlocked.Increment(ref _coalesced);
            }

            int length = (int)payload.Length;
            if (slot.Latest.Length < length)
            {
                slot.Latest = new byte[Math.Max(length, 2 * slot.Latest.Length)];
            }

            payload.CopyTo(slot.Latest);
            slot.LatestLength = length;
            slot.LatestPending = true;
            enqueue = !slot.Queued;
            slot.Queued = true;
        }

        if (enqueue)
        {
            lock (_ready)
            {
                _ready.Enqueue(slot);
            }

            _signal.Release();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _worker.Join();
        _stop.Dispose();
        _signal.Dispose();
    }

    /// <summary>Whether the top-level <c>orderId</c> of both states is the same (a state without one counts as its own order).</summary>
    public static bool SameOrder(ReadOnlySpan<byte> a, in ReadOnlySequence<byte> b)
    {
        var ra = new Utf8JsonReader(a);
        var rb = new Utf8JsonReader(b);
        return TryFindOrderId(ref ra) && TryFindOrderId(ref rb) && ra.ValueSpan.SequenceEqual(rb.ValueSpan) && !ra.ValueIsEscaped && !rb.ValueIsEscaped && !rb.HasValueSequence;
    }

    /// <summary>Positions the reader on the string value of the top-level <c>orderId</c>; false when absent or not JSON.</summary>
    private static bool TryFindOrderId(ref Utf8JsonReader reader)
    {
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("orderId"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String;
                }

                if (reader.CurrentDepth >= 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the worker's decode rejects it; here it only stops coalescing.
        }

        return false;
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                _signal.Wait(_stop.Token);
                Slot slot;
                lock (_ready)
                {
                    slot = _ready.Dequeue();
                }

                // The held state (the last of an earlier order) first, then the latest.
                while (TakeNext(slot, out int length))
                {
                    Deliver(slot, length);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Moves the slot's next pending state into the scratch buffer; false (and the slot unqueued) when none is left.</summary>
    private bool TakeNext(Slot slot, out int length)
    {
        lock (slot)
        {
            if (slot.HeldPending)
            {
                length = slot.HeldLength;
                slot.HeldPending = false;
                (slot.Held, _scratch) = (_scratch, slot.Held);
                return true;
            }

            if (slot.LatestPending)
            {
                length = slot.LatestLength;
                slot.LatestPending = false;
                (slot.Latest, _scratch) = (_scratch, slot.Latest);
                return true;
            }

            slot.Queued = false;
            length = 0;
            return false;
        }
    }

    private void Deliver(Slot slot, int length)
    {
        ReadOnlySpan<byte> json = _scratch.AsSpan(0, length);
        slot.Decoder ??= new ReusedStateDecoder(_expectedVersion); // made once per robot, on this thread only
        State? state;
        Vda5050Error? error = null;
        if (slot.Decoder.TryDecode(json, out State reused))
        {
            Interlocked.Increment(ref _decodedInPlace);
            state = reused;
        }
        else if (!Vda5050Codec.TryDecodeState(json, Vda5050Topics.State, _expectedVersion, out state, out error))
        {
            state = null;
        }

        if (state is not null)
        {
            try
            {
                _consumer(state);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failing consumer must not end the intake: the robot's next state comes through again.
                Interlocked.Increment(ref _consumerFailures);
            }
        }
        else
        {
            Interlocked.Increment(ref _rejected);
            Rejected?.Invoke(error!, slot.Topic);
        }
    }

    /// <summary>One robot's pending states: the latest, and one held back across an order change.</summary>
    private sealed class Slot(string topic)
    {
        public string Topic { get; } = topic;

        public byte[] Latest = new byte[1024];

        public int LatestLength;

        public bool LatestPending;

        public byte[] Held = new byte[1024];

        public int HeldLength;

        public bool HeldPending;

        public bool Queued;

        /// <summary>The robot's reused state and its decoder (worker thread only).</summary>
        public ReusedStateDecoder? Decoder;
    }
}

using System.Reactive.Subjects;
using System.Text;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.StatusText.Server;

namespace StrategicTech.Drivers.Mavlink.Microservices.StatusText.Client;

/// <summary>
/// Receives STATUSTEXT and publishes (severity, text) on <see cref="Messages"/>. A message with id 0 is published
/// at once; chunks with a non-zero id are reassembled per (system, component, id) in any order, duplicates
/// ignored, and published when every chunk up to the NUL-terminated last one has arrived. An assembly still
/// missing chunks after <see cref="TimeoutUs"/> (node clock) is published with <c>IsComplete = false</c> and
/// counted in <see cref="Incomplete"/>. Assemblies live in preallocated slots; only the published string allocates.
/// </summary>
public sealed class StatusTextReceiver : IMavlinkService, IDisposable
{
    private const int ChunkBytes = StatusTextSender.ChunkBytes;
    private const int RecentCount = 16;

    private readonly Subject<StatusTextMessage> _messages = new();
    private readonly Assembly[] _slots;
    private readonly RecentAssembly[] _recent = new RecentAssembly[RecentCount];
    private readonly int _maxChunks;
    private int _recentNext;

    public StatusTextReceiver(long timeoutUs = 2_000_000, int concurrentAssemblies = 8, int maxChunks = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutUs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrentAssemblies);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChunks);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxChunks, 256);
        TimeoutUs = timeoutUs;
        _maxChunks = maxChunks;
        _slots = new Assembly[concurrentAssemblies];
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Assembly(maxChunks);
        }
    }

    /// <summary>Texts as they complete (or time out), on the node's receive/tick thread.</summary>
    public IObservable<StatusTextMessage> Messages => _messages;

    /// <summary>How long an assembly may wait for missing chunks after its first chunk.</summary>
    public long TimeoutUs { get; }

    /// <summary>Texts published complete.</summary>
    public long Completed { get; private set; }

    /// <summary>Chunked texts that timed out or were evicted with chunks missing.</summary>
    public long Incomplete { get; private set; }

    /// <summary>Chunks received twice (link duplicates), ignored.</summary>
    public long DuplicateChunks { get; private set; }

    /// <summary>Chunks whose chunk_seq is beyond the configured maximum, dropped.</summary>
    public long OversizeChunks { get; private set; }

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        if (frame.MessageId != Statustext.MsgId)
        {
            return;
        }

        Statustext message = Statustext.Decode(frame.Payload);
        ReadOnlySpan<byte> text = message.Text;
        if (message.Id == 0)
        {
            Completed++;
            Publish(new StatusTextMessage(frame.SystemId, frame.ComponentId, message.Severity, MavlinkText.ToString(text), true, nowUs));
            return;
        }

        if (message.ChunkSeq >= _maxChunks)
        {
            OversizeChunks++;
            return;
        }

        if (WasCompleted(frame.SystemId, frame.ComponentId, message.Id, nowUs))
        {
            DuplicateChunks++;
            return;
        }

        Assembly slot = FindOrStart(frame.SystemId, frame.ComponentId, message.Id, message.Severity, nowUs);
        if (!slot.Add(message.ChunkSeq, text))
        {
            DuplicateChunks++;
            return;
        }

        if (slot.IsComplete)
        {
            Completed++;
            Remember(slot, nowUs);
            Publish(slot.ToMessage(nowUs));
            slot.Active = false;
        }
    }

    public void Tick(long nowUs)
    {
        foreach (Assembly slot in _slots)
        {
            if (slot.Active && nowUs - slot.StartUs > TimeoutUs)
            {
                Expire(slot, nowUs);
            }
        }
    }

    public void Dispose() => _messages.Dispose();

    private Assembly FindOrStart(byte systemId, byte componentId, ushort id, MavSeverity severity, long nowUs)
    {
        Assembly? free = null;
        Assembly oldest = _slots[0];
        foreach (Assembly slot in _slots)
        {
            if (!slot.Active)
            {
                free ??= slot;
            }
            else if (slot.SystemId == systemId && slot.ComponentId == componentId && slot.Id == id)
            {
                return slot;
            }
            else if (slot.StartUs < oldest.StartUs)
            {
                oldest = slot;
            }
        }

        if (free is null)
        {
            Expire(oldest, nowUs);
            free = oldest;
        }

        free.Start(systemId, componentId, id, severity, nowUs);
        return free;
    }

    private void Expire(Assembly slot, long nowUs)
    {
        Incomplete++;
        Remember(slot, nowUs);
        Publish(slot.ToMessage(nowUs));
        slot.Active = false;
    }

    private void Remember(Assembly slot, long nowUs)
    {
        _recent[_recentNext] = new RecentAssembly(slot.SystemId, slot.ComponentId, slot.Id, nowUs, true);
        _recentNext = (_recentNext + 1) % RecentCount;
    }

    private bool WasCompleted(byte systemId, byte componentId, ushort id, long nowUs)
    {
        foreach (RecentAssembly recent in _recent)
        {
            if (recent.Valid && recent.Id == id && recent.SystemId == systemId && recent.ComponentId == componentId && nowUs - recent.TimeUs <= TimeoutUs)
            {
                return true;
            }
        }

        return false;
    }

    private void Publish(StatusTextMessage message) => _messages.OnNext(message);

    private readonly record struct RecentAssembly(byte SystemId, byte ComponentId, ushort Id, long TimeUs, bool Valid);

    private sealed class Assembly(int maxChunks)
    {
        private readonly byte[] _bytes = new byte[maxChunks * ChunkBytes];
        private readonly bool[] _have = new bool[maxChunks];
        private int _received;
        private int _lastSeq;
        private int _lastLength;

        public bool Active { get; set; }

        public byte SystemId { get; private set; }

        public byte ComponentId { get; private set; }

        public ushort Id { get; private set; }

        public MavSeverity Severity { get; private set; }

        public long StartUs { get; private set; }

        public bool IsComplete => _lastSeq >= 0 && _received == _lastSeq + 1;

        public void Start(byte systemId, byte componentId, ushort id, MavSeverity severity, long nowUs)
        {
            Active = true;
            SystemId = systemId;
            ComponentId = componentId;
            Id = id;
            Severity = severity;
            StartUs = nowUs;
            Array.Clear(_have);
            _received = 0;
            _lastSeq = -1;
            _lastLength = 0;
        }

        /// <summary>Stores a chunk; false when it was already there.</summary>
        public bool Add(int seq, ReadOnlySpan<byte> text)
        {
            if (_have[seq])
            {
                return false;
            }

            _have[seq] = true;
            _received++;
            text.CopyTo(_bytes.AsSpan(seq * ChunkBytes, ChunkBytes));
            int nul = text.IndexOf((byte)0);
            if (nul >= 0)
            {
                _lastSeq = seq;
                _lastLength = nul;
            }

            return true;
        }

        public StatusTextMessage ToMessage(long nowUs)
        {
            bool complete = IsComplete;
            int chunks = _lastSeq >= 0 ? _lastSeq + 1 : _have.Length;
            var text = new StringBuilder();
            int seq = 0;
            while (seq < chunks)
            {
                if (!_have[seq])
                {
                    // One mark per run of missing chunks.
                    text.Append('…');
                    while (seq < chunks && !_have[seq])
                    {
                        seq++;
                    }

                    continue;
                }

                // Decode each run of consecutive chunks as one byte string: chunks may split a UTF-8 character.
                int runStart = seq;
                while (seq < chunks && _have[seq])
                {
                    seq++;
                }

                int byteEnd = seq - 1 == _lastSeq ? ((seq - 1) * ChunkBytes) + _lastLength : seq * ChunkBytes;
                text.Append(Encoding.UTF8.GetString(_bytes, runStart * ChunkBytes, byteEnd - (runStart * ChunkBytes)));
            }

            return new StatusTextMessage(SystemId, ComponentId, Severity, text.ToString(), complete, nowUs);
        }
    }
}

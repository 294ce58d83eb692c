using System.Text.Unicode;
using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.StatusText.Server;

/// <summary>
/// Sends STATUSTEXT per the spec: a text of up to 50 UTF-8 bytes is one message with id 0; a longer one is split
/// into 50-byte chunks sharing a non-zero id with chunk_seq 0, 1, … The last chunk is NUL-padded, which marks it
/// as last; when the text is an exact multiple of 50 bytes an empty (all-NUL) chunk follows, because a receiver
/// can only recognise the end by a NUL. Chunks split bytes, not characters: receivers reassemble bytes and then
/// decode. Texts longer than <see cref="MaxTextBytes"/> are truncated at a character boundary and counted.
/// Thread-safe; allocates nothing.
/// </summary>
public sealed class StatusTextSender
{
    /// <summary>Bytes of text in one STATUSTEXT.</summary>
    public const int ChunkBytes = 50;

    /// <summary>chunk_seq is one byte, so at most 256 chunks, the last one holding at least its NUL.</summary>
    public const int MaxSupportedTextBytes = (256 * ChunkBytes) - 1;

    private readonly MavlinkNode _node;
    private readonly byte[] _utf8;
    private readonly Lock _lock = new();
    private ushort _lastId;

    public StatusTextSender(MavlinkNode node, int maxTextBytes = 20 * ChunkBytes)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTextBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxTextBytes, MaxSupportedTextBytes);
        _utf8 = new byte[maxTextBytes];
    }

    public int MaxTextBytes => _utf8.Length;

    /// <summary>Texts cut to <see cref="MaxTextBytes"/>.</summary>
    public long Truncated { get; private set; }

    /// <summary>STATUSTEXT messages sent (chunks included).</summary>
    public long MessagesSent { get; private set; }

    /// <summary>Sends <paramref name="text"/> with <paramref name="severity"/>; returns the number of STATUSTEXT messages it took.</summary>
    public int Send(MavSeverity severity, ReadOnlySpan<char> text)
    {
        lock (_lock)
        {
            Utf8.FromUtf16(text, _utf8, out int charsRead, out int length, replaceInvalidSequences: true, isFinalBlock: true);
            if (charsRead < text.Length)
            {
                Truncated++;
            }

            ReadOnlySpan<byte> bytes = _utf8.AsSpan(0, length);
            var message = new Statustext { Severity = severity };
            if (length <= ChunkBytes)
            {
                Span<byte> field = message.Text;
                bytes.CopyTo(field);
                _node.Send(message);
                MessagesSent++;
                return 1;
            }

            message.Id = NextId();
            int chunks = (length / ChunkBytes) + 1;
            for (int i = 0; i < chunks; i++)
            {
                int start = i * ChunkBytes;
                int count = Math.Min(ChunkBytes, length - start);
                Span<byte> field = message.Text;
                field.Clear();
                bytes.Slice(start, count).CopyTo(field);
                message.ChunkSeq = (byte)i;
                _node.Send(message);
            }

            MessagesSent += chunks;
            return chunks;
        }
    }

    private ushort NextId()
    {
        _lastId++;
        if (_lastId == 0)
        {
            _lastId = 1;
        }

        return _lastId;
    }
}

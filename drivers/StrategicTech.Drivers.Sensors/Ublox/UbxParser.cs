namespace StrategicTech.Drivers.Sensors.Ublox;

/// <summary>
/// Incremental UBX frame parser: <c>0xB5 0x62 class id length(u16 LE) payload CK_A CK_B</c>, 8-bit Fletcher
/// checksum over class..payload. Feed bytes in any chunking; after <see cref="Push"/> returns true the frame is in
/// <see cref="Class"/>, <see cref="Id"/> and <see cref="Payload"/> until the next push. Bad checksums and frames
/// longer than the buffer are counted and skipped; a length is never trusted beyond the preallocated buffer.
/// </summary>
public sealed class UbxParser
{
    public const byte Sync1 = 0xB5;
    public const byte Sync2 = 0x62;

    private readonly byte[] _payload;
    private State _state;
    private int _length;
    private int _received;
    private byte _ckA;
    private byte _ckB;
    private byte _expectedCkA;

    /// <param name="maxPayloadBytes">Largest payload kept; NAV-SAT with 255 satellites needs 3 068.</param>
    public UbxParser(int maxPayloadBytes = 3072)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadBytes, 100);
        _payload = new byte[maxPayloadBytes];
    }

    private enum State
    {
        Sync1,
        Sync2,
        Class,
        Id,
        Length1,
        Length2,
        Payload,
        CkA,
        CkB,
    }

    public byte Class { get; private set; }
    public byte Id { get; private set; }
    public ReadOnlySpan<byte> Payload => _payload.AsSpan(0, _length);

    public long Frames { get; private set; }
    public long ChecksumErrors { get; private set; }
    public long OversizeFrames { get; private set; }

    /// <summary>True while the parser is between frames (hunting for the sync bytes).</summary>
    public bool IsIdle => _state == State.Sync1;

    /// <summary>Consumes one byte; true when it completed a frame with a valid checksum.</summary>
    public bool Push(byte b)
    {
        switch (_state)
        {
            case State.Sync1:
                if (b == Sync1)
                {
                    _state = State.Sync2;
                }

                return false;
            case State.Sync2:
                _state = b == Sync2 ? State.Class : (b == Sync1 ? State.Sync2 : State.Sync1);
                return false;
            case State.Class:
                _ckA = 0;
                _ckB = 0;
                Add(b);
                Class = b;
                _state = State.Id;
                return false;
            case State.Id:
                Add(b);
                Id = b;
                _state = State.Length1;
                return false;
            case State.Length1:
                Add(b);
                _length = b;
                _state = State.Length2;
                return false;
            case State.Length2:
                Add(b);
                _length |= b << 8;
                if (_length > _payload.Length)
                {
                    OversizeFrames++;
                    _length = 0;
                    _state = State.Sync1;
                    return false;
                }

                _received = 0;
                _state = _length == 0 ? State.CkA : State.Payload;
                return false;
            case State.Payload:
                Add(b);
                _payload[_received++] = b;
                if (_received == _length)
                {
                    _state = State.CkA;
                }

                return false;
            case State.CkA:
                _expectedCkA = b;
                _state = State.CkB;
                return false;
            default:
                _state = State.Sync1;
                if (_expectedCkA == _ckA && b == _ckB)
                {
                    Frames++;
                    return true;
                }

                ChecksumErrors++;
                return false;
        }
    }

    /// <summary>The UBX checksum of <paramref name="classToPayload"/> (class, id, length and payload bytes).</summary>
    public static (byte CkA, byte CkB) Checksum(ReadOnlySpan<byte> classToPayload)
    {
        byte a = 0, b = 0;
        foreach (byte x in classToPayload)
        {
            a += x;
            b += a;
        }

        return (a, b);
    }

    private void Add(byte b)
    {
        _ckA += b;
        _ckB += _ckA;
    }
}

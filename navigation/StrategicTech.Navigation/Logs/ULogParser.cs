using System.Buffers.Binary;
using System.Text;

namespace StrategicTech.Navigation.Logs;

/// <summary>Walks the messages of one ULog buffer and builds a <see cref="ULogFile"/>.</summary>
internal ref struct ULogParser
{
    private const int ResyncChainLength = 3;
    private const ulong KnownIncompatFlags = 1; // DATA_APPENDED

    private readonly ReadOnlySpan<byte> _data;
    private readonly ULogReadOptions _options;
    private readonly ULogFile _file;
    private readonly Dictionary<string, ULogFormat> _formats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ULogLayout.Resolved> _layouts = new(StringComparer.Ordinal);
    private readonly ULogLayout _layout;
    private readonly Dictionary<ushort, ULogTopic> _subscriptions = [];
    private readonly List<ULogTopic> _topics = [];
    private readonly Dictionary<string, ULogValue> _info = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<List<ULogValue>>> _multiInfo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ULogValue> _parameters = new(StringComparer.Ordinal);
    private readonly List<ULogParameterChange> _parameterChanges = [];
    private readonly List<ULogDefaultParameter> _defaultParameters = [];
    private readonly List<ULogLoggedMessage> _logged = [];
    private readonly List<ULogDropout> _dropouts = [];
    private long[] _appendedOffsets = [];
    private bool _inDefinitions = true;
    private long _lastTimestampUs;

    public ULogParser(ReadOnlySpan<byte> data, ULogReadOptions options)
    {
        _data = data;
        _options = options;
        _file = new ULogFile();
        _layout = new ULogLayout(_formats);
    }

    public ULogFile Parse()
    {
        ParseHeader();
        int pos = ULogLimits.HeaderBytes;
        while (pos < _data.Length)
        {
            int segmentEnd = SegmentEnd(pos);
            if (pos + ULogLimits.MessageHeaderBytes > segmentEnd || pos + ULogLimits.MessageHeaderBytes + Size(pos) > segmentEnd)
            {
                // A message that runs past the end: either the log stopped mid-write (the tail, or the end of the
                // main log before appended data) or a damaged size field — then valid messages still follow.
                int resume = pos + ULogLimits.MessageHeaderBytes <= segmentEnd ? Resync(pos + 1, segmentEnd) : segmentEnd;
                if (resume < segmentEnd)
                {
                    pos = Corrupt(pos, _data[pos + 2], $"size {Size(pos)} runs past byte {segmentEnd}, but messages follow", segmentEnd);
                    continue;
                }

                _file.Report.TruncatedTail |= segmentEnd == _data.Length;
                _file.Report.TruncatedBytes += segmentEnd - pos;
                Problem(pos, pos + 2 < _data.Length ? _data[pos + 2] : (byte)0, $"message cut off after {segmentEnd - pos} bytes");
                pos = segmentEnd;
                continue;
            }

            int size = Size(pos);
            byte type = _data[pos + 2];
            ReadOnlySpan<byte> payload = _data.Slice(pos + ULogLimits.MessageHeaderBytes, size);
            string? error = Handle(pos, type, payload, segmentEnd);
            pos = error is null ? pos + ULogLimits.MessageHeaderBytes + size : Corrupt(pos, type, error, segmentEnd);
        }

        Publish();
        return _file;
    }

    private readonly int Size(int pos) => BinaryPrimitives.ReadUInt16LittleEndian(_data[pos..]);

    private readonly int SegmentEnd(int pos)
    {
        foreach (long offset in _appendedOffsets)
        {
            if (offset > pos)
            {
                return (int)offset;
            }
        }

        return _data.Length;
    }

    private void ParseHeader()
    {
        if (_data.Length < ULogLimits.HeaderBytes)
        {
            throw new ULogFormatException(0, null, $"file is {_data.Length} bytes, shorter than the {ULogLimits.HeaderBytes}-byte header");
        }

        if (!_data[..7].SequenceEqual(ULogReader.Magic))
        {
            throw new ULogFormatException(0, null, $"bad magic {Convert.ToHexString(_data[..7])}, expected 554C6F67011235 (\"ULog\" 01 12 35)");
        }

        _file.Version = _data[7];
        _file.StartTimestampUs = unchecked((long)BinaryPrimitives.ReadUInt64LittleEndian(_data[8..]));
    }

    private string? Handle(int pos, byte type, ReadOnlySpan<byte> payload, int segmentEnd)
    {
        var messageType = (ULogMessageType)type;
        if (_inDefinitions && messageType is not (ULogMessageType.FlagBits or ULogMessageType.Format or ULogMessageType.Info
            or ULogMessageType.MultiInfo or ULogMessageType.Parameter or ULogMessageType.DefaultParameter) && IsKnown(type))
        {
            _inDefinitions = false;
        }

        string? error = messageType switch
        {
            ULogMessageType.FlagBits => FlagBits(pos, payload),
            ULogMessageType.Format => Format(payload),
            ULogMessageType.Info => Info(payload),
            ULogMessageType.MultiInfo => MultiInfo(payload),
            ULogMessageType.Parameter => Parameter(payload),
            ULogMessageType.DefaultParameter => DefaultParameter(payload),
            ULogMessageType.AddSubscription => AddSubscription(payload),
            ULogMessageType.RemoveSubscription => payload.Length < 2 ? "payload shorter than msg_id" : RemoveSubscription(payload),
            ULogMessageType.Data => DataMessage(payload),
            ULogMessageType.Logging => Logging(payload, tagged: false),
            ULogMessageType.LoggingTagged => Logging(payload, tagged: true),
            ULogMessageType.Sync => Sync(payload),
            ULogMessageType.Dropout => Dropout(payload),
            _ => Unknown(pos, type, payload.Length, segmentEnd),
        };
        if (error is null && IsKnown(type))
        {
            _file.Report.MessageCount++;
        }

        return error;
    }

    private static bool IsKnown(byte type) => (ULogMessageType)type is ULogMessageType.FlagBits or ULogMessageType.Format
        or ULogMessageType.Info or ULogMessageType.MultiInfo or ULogMessageType.Parameter or ULogMessageType.DefaultParameter
        or ULogMessageType.AddSubscription or ULogMessageType.RemoveSubscription or ULogMessageType.Data
        or ULogMessageType.Logging or ULogMessageType.LoggingTagged or ULogMessageType.Sync or ULogMessageType.Dropout;

    private string? Unknown(int pos, byte type, int size, int segmentEnd)
    {
        // The spec lets writers add message types, so skip one by its size — but only if what follows looks like
        // a message; otherwise this is more likely a damaged header.
        int next = pos + ULogLimits.MessageHeaderBytes + size;
        if (next != segmentEnd && (next > segmentEnd || !IsPlausibleChain(next, segmentEnd, 1)))
        {
            return $"unknown message type 0x{type:X2} followed by garbage";
        }

        _file.Report.UnknownMessageCount++;
        Problem(pos, type, $"unknown message type 0x{type:X2} skipped ({size} bytes)");
        return null;
    }

    private string? FlagBits(int pos, ReadOnlySpan<byte> payload)
    {
        if (pos != ULogLimits.HeaderBytes)
        {
            return "flag bits message is only allowed directly after the header";
        }

        if (payload.Length < 40)
        {
            return $"flag bits payload is {payload.Length} bytes, needs 40";
        }

        _file.CompatFlags = BinaryPrimitives.ReadUInt64LittleEndian(payload);
        _file.IncompatFlags = BinaryPrimitives.ReadUInt64LittleEndian(payload[8..]);
        if ((_file.IncompatFlags & ~KnownIncompatFlags) != 0)
        {
            return $"unknown incompatible flags 0x{_file.IncompatFlags:X16}: this file cannot be read safely";
        }

        var offsets = new List<long>(3);
        for (int i = 0; i < 3; i++)
        {
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(payload[(16 + (8 * i))..]);
            if (offset == 0)
            {
                continue;
            }

            if (offset <= (ulong)(pos + ULogLimits.MessageHeaderBytes + payload.Length) || offset > (ulong)_data.Length
                || (offsets.Count > 0 && (long)offset <= offsets[^1]))
            {
                return $"appended_offsets[{i}] = {offset} lies outside the file (length {_data.Length}) or out of order";
            }

            offsets.Add((long)offset);
        }

        if (_file.HasAppendedData)
        {
            _appendedOffsets = [.. offsets];
        }

        _file.AppendedOffsets = offsets;
        return null;
    }

    private string? Format(ReadOnlySpan<byte> payload)
    {
        ULogFormat? format = ULogFormat.TryParse(Encoding.UTF8.GetString(payload), out string? error);
        if (format is null)
        {
            return error;
        }

        // Formats are resolved once and shared by every subscription, so a name keeps its first definition; a
        // different redefinition is damage (pyulog would silently take the last one).
        if (_formats.TryGetValue(format.Name, out ULogFormat? earlier))
        {
            return earlier.ToString() == format.ToString() ? null : $"format \"{format.Name}\" is redefined differently";
        }

        _formats[format.Name] = format;
        return null;
    }

    private static ULogValue? KeyValue(ReadOnlySpan<byte> payload, int keyLengthIndex, out string? error)
    {
        if (payload.Length <= keyLengthIndex)
        {
            error = "payload shorter than key_len";
            return null;
        }

        int keyLength = payload[keyLengthIndex];
        int keyStart = keyLengthIndex + 1;
        if (keyStart + keyLength > payload.Length)
        {
            error = $"key_len {keyLength} runs past the {payload.Length}-byte payload";
            return null;
        }

        string key = Encoding.UTF8.GetString(payload.Slice(keyStart, keyLength));
        return ULogValue.TryCreate(key, payload[(keyStart + keyLength)..].ToArray(), out error);
    }

    private string? Info(ReadOnlySpan<byte> payload)
    {
        ULogValue? value = KeyValue(payload, 0, out string? error);
        if (value is not null)
        {
            _info[value.Name] = value;
        }

        return error;
    }

    private string? MultiInfo(ReadOnlySpan<byte> payload)
    {
        ULogValue? value = KeyValue(payload, 1, out string? error);
        if (value is null)
        {
            return error;
        }

        bool continued = payload[0] != 0;
        if (!_multiInfo.TryGetValue(value.Name, out List<List<ULogValue>>? list))
        {
            list = [];
            _multiInfo[value.Name] = list;
        }

        // Continuations are kept as pieces and joined once at the end: joining per message would copy the value so
        // far every time, quadratic in the number of pieces.
        if (continued && list.Count > 0 && list[^1][0].BaseType == value.BaseType)
        {
            list[^1].Add(value);
        }
        else
        {
            list.Add([value]);
        }

        return null;
    }

    private string? Parameter(ReadOnlySpan<byte> payload)
    {
        ULogValue? value = KeyValue(payload, 0, out string? error);
        if (value is null)
        {
            return error;
        }

        if (_inDefinitions)
        {
            _parameters[value.Name] = value;
        }
        else
        {
            _parameterChanges.Add(new ULogParameterChange(_lastTimestampUs, value));
        }

        return null;
    }

    private string? DefaultParameter(ReadOnlySpan<byte> payload)
    {
        ULogValue? value = KeyValue(payload, 1, out string? error);
        if (value is not null)
        {
            _defaultParameters.Add(new ULogDefaultParameter((ULogDefaultTypes)payload[0], value));
        }

        return error;
    }

    private string? AddSubscription(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 4)
        {
            return $"payload is {payload.Length} bytes, needs multi_id, msg_id and a name";
        }

        byte multiId = payload[0];
        ushort msgId = BinaryPrimitives.ReadUInt16LittleEndian(payload[1..]);
        string name = Encoding.UTF8.GetString(payload[3..]).TrimEnd('\0');
        if (!_formats.TryGetValue(name, out ULogFormat? format))
        {
            return $"subscription msg_id {msgId} names \"{name}\", which has no format definition";
        }

        if (!_layouts.TryGetValue(name, out ULogLayout.Resolved? layout))
        {
            layout = _layout.TryResolve(format, out string? error);
            if (layout is null)
            {
                return error;
            }

            _layouts[name] = layout;
        }

        ULogTopic? topic = null;
        foreach (ULogTopic existing in _topics)
        {
            if (existing.MultiId == multiId && existing.SampleSizeBytes == layout.SizeBytes && string.Equals(existing.Name, name, StringComparison.Ordinal))
            {
                topic = existing;
                break;
            }
        }

        if (topic is null)
        {
            topic = new ULogTopic(name, multiId, format, layout);
            _topics.Add(topic);
        }

        _subscriptions[msgId] = topic;
        return null;
    }

    private string? RemoveSubscription(ReadOnlySpan<byte> payload)
    {
        _subscriptions.Remove(BinaryPrimitives.ReadUInt16LittleEndian(payload));
        return null;
    }

    private string? DataMessage(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2)
        {
            return "payload shorter than msg_id";
        }

        ushort msgId = BinaryPrimitives.ReadUInt16LittleEndian(payload);
        if (!_subscriptions.TryGetValue(msgId, out ULogTopic? topic))
        {
            return $"data for msg_id {msgId}, which has no subscription";
        }

        int length = payload.Length - 2;
        if (length < topic.MinimumSampleSizeBytes || length > topic.SampleSizeBytes)
        {
            return $"data for {topic.DisplayName} (msg_id {msgId}) is {length} bytes, format needs {topic.MinimumSampleSizeBytes}..{topic.SampleSizeBytes}";
        }

        topic.Add(payload[2..]);
        if (topic.HasTimestamp)
        {
            _lastTimestampUs = Math.Max(_lastTimestampUs, topic.TimestampsUs[^1]);
        }

        return null;
    }

    private string? Logging(ReadOnlySpan<byte> payload, bool tagged)
    {
        int textStart = tagged ? 11 : 9;
        if (payload.Length < textStart)
        {
            return $"payload is {payload.Length} bytes, needs at least {textStart}";
        }

        byte levelByte = payload[0];
        ULogLogLevel level;
        if (levelByte is >= (byte)'0' and <= (byte)'7')
        {
            level = (ULogLogLevel)(levelByte - '0');
        }
        else if (levelByte <= 7)
        {
            level = (ULogLogLevel)levelByte;
        }
        else
        {
            return $"log level byte 0x{levelByte:X2} is not '0'..'7'";
        }

        ushort? tag = tagged ? BinaryPrimitives.ReadUInt16LittleEndian(payload[1..]) : null;
        long timestampUs = unchecked((long)BinaryPrimitives.ReadUInt64LittleEndian(payload[(textStart - 8)..]));
        _logged.Add(new ULogLoggedMessage(level, tag, timestampUs, ULogTypes.ReadString(payload[textStart..])));
        return null;
    }

    private string? Sync(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 8 || !payload[..8].SequenceEqual(ULogReader.SyncMagic))
        {
            return "sync payload is not the sync magic";
        }

        _file.SyncCount++;
        return null;
    }

    private string? Dropout(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2)
        {
            return "payload shorter than duration";
        }

        _dropouts.Add(new ULogDropout(_lastTimestampUs, BinaryPrimitives.ReadUInt16LittleEndian(payload)));
        return null;
    }

    /// <summary>
    /// Handles a malformed message: throws in the definitions section or in strict mode; otherwise counts it and
    /// returns where to continue — right after it when its size fits its type and its framing still leads to plausible
    /// messages (one sample lost), else at the next offset where a chain of plausible messages starts.
    /// </summary>
    private int Corrupt(int pos, byte type, string error, int segmentEnd)
    {
        if (_inDefinitions || _options.Strict)
        {
            throw new ULogFormatException(pos, (ULogMessageType)type, error);
        }

        _file.Report.CorruptMessageCount++;
        Problem(pos, type, error);
        // Trust the size field only when the message is plausible by type and size (the damage is inside its payload);
        // a size that does not fit its type is itself the damage, and a jump by it would skip good messages.
        int framed = pos + ULogLimits.MessageHeaderBytes + Size(pos);
        if (framed <= segmentEnd && IsPlausible(pos, segmentEnd, -1)
            && (framed == segmentEnd || IsPlausibleChain(framed, segmentEnd, ResyncChainLength - 1)))
        {
            return framed;
        }

        int next = Resync(pos + 1, segmentEnd);
        _file.Report.SkippedBytes += next - pos;
        return next;
    }

    /// <summary>The first offset at or after <paramref name="from"/> where a chain of plausible messages starts.</summary>
    private readonly int Resync(int from, int segmentEnd)
    {
        for (int p = from; p + ULogLimits.MessageHeaderBytes <= segmentEnd; p++)
        {
            if (IsPlausibleChain(p, segmentEnd, ResyncChainLength))
            {
                return p;
            }
        }

        return segmentEnd;
    }

    private readonly bool IsPlausibleChain(int pos, int segmentEnd, int length)
    {
        int announcedMsgId = -1; // a subscription inside the chain makes its own data plausible
        for (int i = 0; i < length; i++)
        {
            if (pos == segmentEnd)
            {
                return i > 0;
            }

            if (!IsPlausible(pos, segmentEnd, announcedMsgId))
            {
                return false;
            }

            if ((ULogMessageType)_data[pos + 2] == ULogMessageType.AddSubscription)
            {
                announcedMsgId = BinaryPrimitives.ReadUInt16LittleEndian(_data[(pos + 4)..]);
            }

            pos += ULogLimits.MessageHeaderBytes + Size(pos);
        }

        return true;
    }

    private readonly bool IsPlausible(int pos, int segmentEnd, int announcedMsgId)
    {
        if (pos + ULogLimits.MessageHeaderBytes > segmentEnd)
        {
            return false;
        }

        int size = Size(pos);
        if (pos + ULogLimits.MessageHeaderBytes + size > segmentEnd)
        {
            return false;
        }

        ReadOnlySpan<byte> payload = _data.Slice(pos + ULogLimits.MessageHeaderBytes, size);
        return (ULogMessageType)_data[pos + 2] switch
        {
            ULogMessageType.Data => size >= 2 && (_subscriptions.TryGetValue(BinaryPrimitives.ReadUInt16LittleEndian(payload), out ULogTopic? topic)
                ? size - 2 >= topic.MinimumSampleSizeBytes && size - 2 <= topic.SampleSizeBytes
                : BinaryPrimitives.ReadUInt16LittleEndian(payload) == announcedMsgId && size >= 10),
            ULogMessageType.Sync => size >= 8 && payload[..8].SequenceEqual(ULogReader.SyncMagic),
            // Facts of the format narrow what a real message can look like, so resync is not fooled by payload bytes.
            ULogMessageType.AddSubscription => size >= 4 && IsPrintable(payload[3..]),
            ULogMessageType.RemoveSubscription or ULogMessageType.Dropout => size == 2,
            ULogMessageType.Logging => size >= 9 && IsLogLevel(payload[0]),
            ULogMessageType.LoggingTagged => size >= 11 && IsLogLevel(payload[0]),
            ULogMessageType.Info or ULogMessageType.Parameter => size >= 2 && HasPrintableKey(payload, 0),
            ULogMessageType.MultiInfo or ULogMessageType.DefaultParameter => size >= 3 && HasPrintableKey(payload, 1),
            ULogMessageType.Format => size >= 2 && IsPrintable(payload),
            _ => false,
        };
    }

    // Log levels are stored as ASCII '0' (emergency) .. '7' (debug).
    private static bool IsLogLevel(byte level) => level is >= (byte)'0' and <= (byte)'7';

    private static bool IsPrintable(ReadOnlySpan<byte> text) => text.Length > 0 && !text.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);

    // Key/value messages: a key length byte at keyLengthIndex, then "type name" in printable ASCII.
    private static bool HasPrintableKey(ReadOnlySpan<byte> payload, int keyLengthIndex)
    {
        int keyLength = payload[keyLengthIndex];
        int start = keyLengthIndex + 1;
        return keyLength > 0 && start + keyLength <= payload.Length && IsPrintable(payload.Slice(start, keyLength));
    }

    private readonly void Problem(int pos, byte type, string text)
    {
        _file.Report.AddProblem(ULogFormatException.Describe(pos, (ULogMessageType)type, text), _options.MaxProblemsRecorded);
    }

    private readonly void Publish()
    {
        _file.Formats = _formats;
        _file.Info = _info;
        var multi = new Dictionary<string, IReadOnlyList<ULogValue>>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, List<List<ULogValue>>> pair in _multiInfo)
        {
            multi[pair.Key] = pair.Value.ConvertAll(pieces => pieces.Count == 1 ? pieces[0] : ULogValue.Join(pieces));
        }

        _file.MultiInfo = multi;
        _file.Parameters = _parameters;
        _file.ParameterChanges = _parameterChanges;
        _file.DefaultParameters = _defaultParameters;
        _file.Topics = _topics;
        _file.LoggedMessages = _logged;
        _file.Dropouts = _dropouts;
    }
}

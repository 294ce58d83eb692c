using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.Parameters.Server;

/// <summary>
/// The vehicle side of the parameter protocol over an <see cref="IParameterProvider"/>:
/// PARAM_REQUEST_LIST streams every PARAM_VALUE (with param_index and param_count), <see cref="StreamPerTick"/>
/// per tick so the link is not flooded; PARAM_REQUEST_READ answers one (by index, or by name when the index is −1);
/// PARAM_SET validates and stores, then echoes PARAM_VALUE with the value now held (the old one when rejected,
/// which is how the protocol says "no"). Unknown names and indices get no answer. Values use <see cref="Encoding"/>,
/// which the vehicle must also announce in AUTOPILOT_VERSION (<see cref="ParameterCodec.ToCapability"/>).
/// The receive path allocates nothing.
/// </summary>
public sealed class ParameterServer(MavlinkNode node, IParameterProvider provider, ParameterEncoding encoding = ParameterEncoding.Bytewise) : IMavlinkService
{
    private readonly MavlinkNode _node = node ?? throw new ArgumentNullException(nameof(node));
    private readonly IParameterProvider _provider = provider ?? throw new ArgumentNullException(nameof(provider));
    private int _streamNext = -1;

    public ParameterEncoding Encoding { get; } = encoding;

    /// <summary>PARAM_VALUEs sent per tick while streaming the list.</summary>
    public int StreamPerTick { get; init; } = 20;

    /// <summary>PARAM_SETs refused (unknown type, out of limits, provider refused).</summary>
    public long RejectedSets { get; private set; }

    /// <summary>Requests naming a parameter that does not exist.</summary>
    public long UnknownParameters { get; private set; }

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        uint id = frame.MessageId;
        if (id == ParamRequestList.MsgId)
        {
            ParamRequestList request = ParamRequestList.Decode(frame.Payload);
            if (_node.IsForMe(request.TargetSystem, request.TargetComponent))
            {
                _streamNext = 0;
            }
        }
        else if (id == ParamRequestRead.MsgId)
        {
            ParamRequestRead request = ParamRequestRead.Decode(frame.Payload);
            if (_node.IsForMe(request.TargetSystem, request.TargetComponent))
            {
                int index = request.ParamIndex >= 0 ? request.ParamIndex : Lookup(request.ParamId);
                if ((uint)index < (uint)_provider.Count)
                {
                    SendValue(index);
                }
                else
                {
                    UnknownParameters++;
                }
            }
        }
        else if (id == ParamSet.MsgId)
        {
            ParamSet request = ParamSet.Decode(frame.Payload);
            if (_node.IsForMe(request.TargetSystem, request.TargetComponent))
            {
                HandleSet(request);
            }
        }
    }

    public void Tick(long nowUs)
    {
        if (_streamNext < 0)
        {
            return;
        }

        int count = _provider.Count;
        for (int sent = 0; sent < StreamPerTick && _streamNext < count; sent++)
        {
            SendValue(_streamNext++);
        }

        if (_streamNext >= count)
        {
            _streamNext = -1;
        }
    }

    private void HandleSet(in ParamSet request)
    {
        int index = Lookup(request.ParamId);
        if (index < 0)
        {
            UnknownParameters++;
            return;
        }

        ParameterValue current = _provider.ValueAt(index);
        if (request.ParamType != current.Type
            || !ParameterCodec.TryDecode(request.ParamValue, request.ParamType, Encoding, out ParameterValue value)
            || !_provider.TrySet(index, value))
        {
            RejectedSets++;
        }

        SendValue(index);
    }

    private int Lookup(InlineArray16<byte> paramId)
    {
        Span<char> name = stackalloc char[16];
        int length = MavlinkText.Decode(paramId, name);
        return _provider.IndexOf(name[..length]);
    }

    private void SendValue(int index)
    {
        ParameterValue value = _provider.ValueAt(index);
        var message = new ParamValue
        {
            ParamValueValue = ParameterCodec.Encode(value, Encoding),
            ParamType = value.Type,
            ParamCount = (ushort)_provider.Count,
            ParamIndex = (ushort)index,
        };
        MavlinkText.Encode(_provider.NameAt(index), message.ParamId);
        _node.Send(message);
    }
}

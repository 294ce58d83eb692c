using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Microservices;

namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// The receive side of signing on the vehicle, installed on the node by <see cref="VehicleMavlinkEndpoint"/> when the
/// node signs its own frames (the key is set): every frame must carry a correct signature whose timestamp is newer
/// than the last one accepted on the same (link id, system id, component id) stream and not more than a minute
/// behind the local signing time. Unsigned frames (MAVLink 2 or 1) are accepted only from a configured channel
/// (e.g. USB) or, MAVLink 2 only, for an allow-listed message id. Every refusal is counted by reason; a refused
/// frame reaches no service (no command, PARAM_SET or mission item acts on it). Allocates only when a new signed
/// stream appears.
/// </summary>
public sealed class VehicleSigningGuard : IMavlinkReceiveFilter
{
    private readonly MavlinkSignatureVerifier _verifier;
    private readonly bool[] _unsignedChannel = new bool[256];

    public VehicleSigningGuard(MavlinkSigner signer, VehicleSigningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        options ??= new VehicleSigningOptions();
        _verifier = new MavlinkSignatureVerifier(signer.Key, MavlinkSigningPolicy.Require, signer.Clock, options.UnsignedMessageIds);
        foreach (byte channel in options.UnsignedChannels)
        {
            _unsignedChannel[channel] = true;
        }
    }

    /// <summary>Frames admitted with a verified signature.</summary>
    public long SignedAccepted { get; private set; }

    /// <summary>Unsigned frames admitted because of their channel or message id.</summary>
    public long UnsignedAccepted { get; private set; }

    /// <summary>Unsigned MAVLink 2 frames refused.</summary>
    public long RefusedUnsigned { get; private set; }

    /// <summary>MAVLink 1 frames refused (a downgrade: MAVLink 1 cannot be signed).</summary>
    public long RefusedMavlinkV1 { get; private set; }

    /// <summary>Signed frames whose signature did not match the key.</summary>
    public long RefusedBadSignature { get; private set; }

    /// <summary>Signed frames whose timestamp was not newer than the last accepted on their stream.</summary>
    public long RefusedReplayed { get; private set; }

    /// <summary>Signed frames opening a stream with a timestamp more than a minute behind local signing time.</summary>
    public long RefusedStale { get; private set; }

    public long Refused => RefusedUnsigned + RefusedMavlinkV1 + RefusedBadSignature + RefusedReplayed + RefusedStale;

    /// <summary>Why the last refused frame was refused.</summary>
    public SignatureRejection LastRejection { get; private set; }

    public bool Admit(MavlinkFrame frame, byte channel, long nowUs)
    {
        if (!frame.IsSigned && _unsignedChannel[channel])
        {
            UnsignedAccepted++;
            return true;
        }

        if (_verifier.Accept(frame.Raw, frame.MessageId))
        {
            if (frame.IsSigned)
            {
                SignedAccepted++;
            }
            else
            {
                UnsignedAccepted++;
            }

            return true;
        }

        LastRejection = _verifier.LastRejection;
        switch (LastRejection)
        {
            case SignatureRejection.Unsigned:
                RefusedUnsigned++;
                break;
            case SignatureRejection.MavlinkV1:
                RefusedMavlinkV1++;
                break;
            case SignatureRejection.Replayed:
                RefusedReplayed++;
                break;
            case SignatureRejection.Stale:
                RefusedStale++;
                break;
            default:
                RefusedBadSignature++;
                break;
        }

        return false;
    }
}

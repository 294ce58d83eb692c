using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.Navigation.Time;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Comms;

/// <summary>
/// Signing enforced on the vehicle: a signing endpoint (system 1) and ground stations (system 255) that sign with
/// the same key, a wrong key, or not at all, joined by synchronous in-memory links.
/// </summary>
public class VehicleSigningTests
{
    // 2026-12-06 00:00:00 UTC in Unix microseconds.
    private const long StartUnixUs = 1_796_515_200_000_000;

    private readonly ManualClock _clock = new(1_000_000);
    private readonly UnixTime _unix = new() { UnixTimeUs = StartUnixUs };
    private readonly MavlinkSigningKey _key = MavlinkSigningKey.Generate();
    private readonly FakeVehicle _vehicle = new();
    private readonly ParameterStore _store = MulticopterControlParameters.CreateStore();
    private readonly MavlinkNode _vehicleNode;
    private readonly FrameRecorder _received;
    private readonly VehicleMavlinkEndpoint _endpoint;
    private byte[] _lastToVehicle = [];

    public VehicleSigningTests()
        : this(null)
    {
    }

    private VehicleSigningTests(VehicleSigningOptions? signing)
    {
        var toGround = new Sink(bytes => Ground(bytes));
        _vehicleNode = new MavlinkNode(1, 1, toGround, _clock, signer: new MavlinkSigner(_key, 0, _unix));
        _endpoint = new VehicleMavlinkEndpoint(_vehicleNode, _vehicle, _vehicle, new VehicleMavlinkEndpointOptions { Parameters = _store, Signing = signing });
        _received = new FrameRecorder();
    }

    [Fact]
    public void Correctly_signed_arm_param_set_and_mission_count_are_accepted()
    {
        MavlinkNode ground = GroundStation(new MavlinkSigner(_key, 7, _unix));

        Assert.Equal(MavResult.Accepted, Arm(ground).Result);
        Assert.True(_vehicle.Armed);
        ground.Send(ParamSet("MPC_XY_P", 1.5f));
        Assert.Equal(1.5f, (float)_store.Get("MPC_XY_P"));
        ground.Send(new MissionCount { TargetSystem = 1, TargetComponent = 1, Count = 1 });
        Assert.Single(_received.All<MissionRequestInt>());

        Assert.Equal(3, _endpoint.Signing!.SignedAccepted);
        Assert.Equal(0, _endpoint.Signing.Refused);
    }

    [Fact]
    public void Unsigned_arm_param_set_and_mission_count_are_refused_before_any_service_and_counted()
    {
        MavlinkNode ground = GroundStation(signer: null);

        ground.Send(ArmCommand());
        ground.Send(ParamSet("MPC_XY_P", 1.5f));
        ground.Send(new MissionCount { TargetSystem = 1, TargetComponent = 1, Count = 1 });

        Assert.False(_vehicle.Armed);
        Assert.Empty(_vehicle.Calls);
        Assert.Equal(0.95, _store.Get("MPC_XY_P"));
        Assert.Equal(0, _received.Count); // no COMMAND_ACK, PARAM_VALUE or MISSION_REQUEST: the frames never reached a service
        Assert.Equal(3, _endpoint.Signing!.RefusedUnsigned);
        Assert.Equal(3, _vehicleNode.FilteredFrames);
        Assert.Equal(SignatureRejection.Unsigned, _endpoint.Signing.LastRejection);
    }

    [Fact]
    public void A_replayed_signed_arm_and_an_older_timestamp_on_the_same_stream_are_refused_but_a_new_link_id_is_its_own_stream()
    {
        MavlinkNode ground = GroundStation(new MavlinkSigner(_key, 7, _unix));
        Assert.Equal(MavResult.Accepted, Arm(ground).Result);
        byte[] recorded = _lastToVehicle;
        _vehicle.Armed = false;

        // The same bytes again: the timestamp is not newer than the last on (link 7, 255, 190).
        _received.Clear();
        _vehicleNode.Receive(recorded);
        Assert.False(_vehicle.Armed);
        Assert.Equal(0, _received.Count);
        Assert.Equal(1, _endpoint.Signing!.RefusedReplayed);

        // A correctly signed frame whose timestamp is one second older than the last on that stream.
        var lagging = new UnixTime { UnixTimeUs = _unix.UnixTimeUs - 1_000_000 };
        MavlinkNode replayer = GroundStation(new MavlinkSigner(_key, 7, lagging));
        replayer.Send(ArmCommand());
        Assert.False(_vehicle.Armed);
        Assert.Equal(2, _endpoint.Signing.RefusedReplayed);

        // The same lagging clock on link 8 opens a new stream (within a minute of local time): accepted. (The loop
        // clock moves past the command server's duplicate window, as the new node starts its sequence at 0 again.)
        _clock.AdvanceUs(6_000_000);
        MavlinkNode otherLink = GroundStation(new MavlinkSigner(_key, 8, lagging));
        Assert.Equal(MavResult.Accepted, Arm(otherLink).Result);
        Assert.True(_vehicle.Armed);
    }

    [Fact]
    public void A_new_stream_whose_timestamp_is_more_than_a_minute_behind_is_refused_as_stale()
    {
        var old = new UnixTime { UnixTimeUs = _unix.UnixTimeUs - 61_000_000 };
        MavlinkNode ground = GroundStation(new MavlinkSigner(_key, 3, old));
        ground.Send(ArmCommand());
        Assert.False(_vehicle.Armed);
        Assert.Equal(1, _endpoint.Signing!.RefusedStale);
    }

    [Fact]
    public void A_mavlink1_arm_is_refused_as_a_downgrade()
    {
        byte[] v1 = new byte[MavlinkConstants.MaxFrameLength];
        int length = new MavlinkFrameWriter(255, 190).WriteV1(ArmCommand(), v1);
        Assert.Equal(MavlinkConstants.MagicV1, v1[0]);

        _vehicleNode.Receive(v1.AsSpan(0, length));

        Assert.False(_vehicle.Armed);
        Assert.Equal(1, _endpoint.Signing!.RefusedMavlinkV1);
        Assert.Equal(SignatureRejection.MavlinkV1, _endpoint.Signing.LastRejection);
    }

    [Fact]
    public void A_frame_signed_with_another_key_is_refused()
    {
        MavlinkNode ground = GroundStation(new MavlinkSigner(MavlinkSigningKey.Generate(), 7, _unix));
        ground.Send(ArmCommand());
        Assert.False(_vehicle.Armed);
        Assert.Equal(1, _endpoint.Signing!.RefusedBadSignature);
    }

    [Fact]
    public void Unsigned_mavlink2_and_mavlink1_frames_are_accepted_only_from_the_configured_channel()
    {
        var test = new VehicleSigningTests(new VehicleSigningOptions { UnsignedChannels = [2] });
        byte[] v2 = new byte[MavlinkConstants.MaxFrameLength];
        int v2Length = new MavlinkFrameWriter(255, 190).WriteV2(ArmCommand(), v2);
        byte[] v1 = new byte[MavlinkConstants.MaxFrameLength];
        int v1Length = new MavlinkFrameWriter(255, 190).WriteV1(ArmCommand(), v1);

        test.ReceiveParsed(v2.AsSpan(0, v2Length), channel: 0);
        Assert.False(test._vehicle.Armed);
        test.ReceiveParsed(v2.AsSpan(0, v2Length), channel: 2);
        Assert.True(test._vehicle.Armed);
        test._vehicle.Armed = false;
        test.ReceiveParsed(v1.AsSpan(0, v1Length), channel: 0);
        Assert.False(test._vehicle.Armed);
        test._clock.AdvanceUs(6_000_000); // past the command server's duplicate window (both frames have sequence 0)
        test.ReceiveParsed(v1.AsSpan(0, v1Length), channel: 2);
        Assert.True(test._vehicle.Armed);

        Assert.Equal(2, test._endpoint.Signing!.UnsignedAccepted);
        Assert.Equal(1, test._endpoint.Signing.RefusedUnsigned);
        Assert.Equal(1, test._endpoint.Signing.RefusedMavlinkV1);
    }

    [Fact]
    public void Signing_options_on_a_node_that_does_not_sign_are_refused()
    {
        var node = new MavlinkNode(1, 1, new Sink(_ => { }), _clock);
        Assert.Throws<ArgumentException>(() => new VehicleMavlinkEndpoint(node, _vehicle, _vehicle, new VehicleMavlinkEndpointOptions { Signing = new VehicleSigningOptions() }));
    }

    [Fact]
    public void Admitting_a_signed_frame_on_a_known_stream_allocates_nothing()
    {
        // Frames signed in advance (each with a newer timestamp); the first opens the stream.
        var writer = new MavlinkFrameWriter(255, 190, new MavlinkSigner(_key, 7, _unix));
        const int iterations = 2000;
        var frames = new byte[1 + Allocations.MaxCalls(iterations)][]; // the stream opener, then every call the helper may make
        for (int i = 0; i < frames.Length; i++)
        {
            frames[i] = new byte[MavlinkConstants.MaxFrameLength];
            int length = writer.WriteV2(new Heartbeat { Type = MavType.Gcs }, frames[i]);
            Array.Resize(ref frames[i], length);
        }

        _vehicleNode.Receive(frames[0]);
        int next = 1;
        Allocations.AssertZero(() => _vehicleNode.Receive(frames[next++]), iterations);
        Assert.Equal(next, _endpoint.Signing!.SignedAccepted);
        Assert.Equal(0, _endpoint.Signing.Refused);
    }

    private static CommandLong ArmCommand() => new() { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.ComponentArmDisarm, Param1 = 1 };

    private static ParamSet ParamSet(string name, float value)
    {
        var set = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamType = MavParamType.Real32 };
        set.ParamValue = ParameterCodec.Encode(ParameterValue.FromFloat(value), ParameterEncoding.Bytewise);
        MavlinkText.Encode(name, set.ParamId);
        return set;
    }

    private CommandAck Arm(MavlinkNode ground)
    {
        _received.Clear();
        ground.Send(ArmCommand());
        return _received.Single<CommandAck>();
    }

    private void ReceiveParsed(ReadOnlySpan<byte> bytes, byte channel)
    {
        var parser = new MavlinkParser(CommonDialect.Instance);
        Assert.True(parser.TryRead(ref bytes, out MavlinkFrame frame));
        _vehicleNode.Receive(frame, channel);
    }

    private MavlinkNode GroundStation(MavlinkSigner? signer)
    {
        // Each ground station's frames reach the vehicle as bytes; the vehicle's frames reach the recorder.
        var toVehicle = new Sink(bytes =>
        {
            _lastToVehicle = bytes;
            _vehicleNode.Receive(bytes);
        });
        return new MavlinkNode(255, 190, toVehicle, _clock, signer: signer);
    }

    private void Ground(byte[] bytes)
    {
        var parser = new MavlinkParser(CommonDialect.Instance);
        ReadOnlySpan<byte> input = bytes;
        if (parser.TryRead(ref input, out MavlinkFrame frame))
        {
            _received.OnFrame(frame, 0);
        }
    }

    private sealed class UnixTime : IUnixTimeSource
    {
        public long UnixTimeUs { get; set; }
    }

    private sealed class Sink(Action<byte[]> deliver) : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame)
        {
            deliver(frame.ToArray());
            return true;
        }
    }
}

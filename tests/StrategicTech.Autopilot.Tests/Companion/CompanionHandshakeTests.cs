using StrategicTech.Autopilot.Companion;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Tests.Companion;

/// <summary>The companion's handshakes against a scripted flight controller: ArduCopter's GUIDED flow, PX4's OFFBOARD order, retries and refusals.</summary>
public sealed class CompanionHandshakeTests
{
    [Fact]
    public void ArduCopterIsDetectedSwitchedToGuidedModeFourArmedTakesOffByCommandToTheRelativeHeightAndLandsInModeNine()
    {
        var pair = new Pair(MavAutopilot.Ardupilotmega, new CompanionOptions { TakeoffHeightM = 7 });
        Assert.True(pair.RunUntil(() => pair.Companion.Finished, 120_000_000), $"stuck in {pair.Companion.State}");
        Assert.Equal(CompanionState.Completed, pair.Companion.State);
        Assert.Equal(FlightControllerKind.ArduPilot, pair.Companion.FlightController);

        var commands = pair.Fc.Commands;
        Assert.Equal([MavCmd.DoSetMode, MavCmd.ComponentArmDisarm, MavCmd.NavTakeoff, MavCmd.DoSetMode], commands.Select(c => c.Request.Command));
        Assert.Equal(1f, commands[0].Request.Param1); // MAV_MODE_FLAG_CUSTOM_MODE_ENABLED
        Assert.Equal(4f, commands[0].Request.Param2); // GUIDED
        Assert.Equal(1f, commands[1].Request.Param1); // arm
        Assert.Equal(7f, commands[2].Request.Param7); // ArduCopter: metres above home, not AMSL
        Assert.Equal(9f, commands[3].Request.Param2); // LAND
        Assert.Equal(0, commands[0].SetpointsBefore); // GUIDED needs no stream first
        Assert.Equal(0, commands[2].SetpointsBefore); // the takeoff is the FC's own, not streamed
        Assert.True(pair.Fc.Setpoints > 0);
        Assert.Equal(0, pair.Fc.SetpointsInWrongFrame);
        Assert.False(pair.Fc.Armed);
    }

    [Fact]
    public void Px4GetsSetpointsBeforeTheOffboardRequestCustomMainModeSixAndAStreamedTakeoff()
    {
        var pair = new Pair(MavAutopilot.Px4, new CompanionOptions { TakeoffHeightM = 4 });
        Assert.True(pair.RunUntil(() => pair.Companion.Finished, 120_000_000), $"stuck in {pair.Companion.State}");
        Assert.Equal(CompanionState.Completed, pair.Companion.State);
        Assert.Equal(FlightControllerKind.Px4, pair.Companion.FlightController);
        var commands = pair.Fc.Commands;
        Assert.Equal([MavCmd.DoSetMode, MavCmd.ComponentArmDisarm, MavCmd.NavLand], commands.Select(c => c.Request.Command));
        Assert.Equal(6f, commands[0].Request.Param2); // PX4 main mode OFFBOARD
        Assert.Equal(0f, commands[0].Request.Param3);
        Assert.Equal(51, commands[0].SetpointsBefore); // 1 s of setpoints at 50 Hz, and the one of the tick that sends the request
    }

    [Fact]
    public void ATemporarilyRejectedModeChangeIsRepeatedASecondLaterAndThenSucceeds()
    {
        var pair = new Pair(MavAutopilot.Ardupilotmega, new CompanionOptions());
        pair.Fc.ModeAnswers.Enqueue(MavResult.TemporarilyRejected);
        pair.Fc.ModeAnswers.Enqueue(MavResult.TemporarilyRejected);
        Assert.True(pair.RunUntil(() => pair.Companion.State == CompanionState.TakingOff, 30_000_000), $"stuck in {pair.Companion.State}");
        var modeRequests = pair.Fc.Commands.Where(c => c.Request.Command == MavCmd.DoSetMode).ToList();
        Assert.Equal(3, modeRequests.Count);
        Assert.InRange(modeRequests[1].TimeUs - modeRequests[0].TimeUs, 1_000_000, 1_040_000); // the retry delay (command timeout 1 s) + up to two ticks
    }

    [Fact]
    public void ADeniedModeChangeEndsTheRunAsFailedNamingTheCommandAndTheResult()
    {
        var pair = new Pair(MavAutopilot.Ardupilotmega, new CompanionOptions());
        pair.Fc.ModeAnswers.Enqueue(MavResult.Denied);
        Assert.True(pair.RunUntil(() => pair.Companion.Finished, 30_000_000));
        Assert.Equal(CompanionState.Failed, pair.Companion.State);
        Assert.Contains("refused by the FC: Denied", pair.Companion.Transitions[^1].Reason, StringComparison.Ordinal);
        Assert.False(pair.Fc.Armed);
    }

    [Fact]
    public void WithoutAnyCommandAckTheModeRequestIsRetransmittedThenRepeatedThenGivenUp()
    {
        var pair = new Pair(MavAutopilot.Ardupilotmega, new CompanionOptions { HandshakeAttempts = 2 }) { DropAcks = true };
        Assert.True(pair.RunUntil(() => pair.Companion.Finished, 60_000_000));
        Assert.Equal(CompanionState.Failed, pair.Companion.State);
        // 2 attempts, each executed once by the FC: the command client's 3 retransmissions (confirmation > 0) are
        // recognised as duplicates and only re-acknowledged, and those ACKs are lost too.
        Assert.Equal(2, pair.Fc.Commands.Count(c => c.Request.Command == MavCmd.DoSetMode));
        string reason = pair.Companion.Transitions[^1].Reason;
        Assert.StartsWith("DO_SET_MODE (ArduPilot 4/0) not confirmed after 2 attempts", reason, StringComparison.Ordinal);
        Assert.Contains("no COMMAND_ACK after 4 transmissions", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MavAutopilot.Generic, MavType.Quadrotor)]
    [InlineData(MavAutopilot.Ardupilotmega, MavType.FixedWing)]
    public void AFirmwareOrAirframeTheCompanionDoesNotDriveIsRefusedWithoutSendingACommand(MavAutopilot autopilot, MavType type)
    {
        var pair = new Pair(autopilot, new CompanionOptions(), type);
        Assert.True(pair.RunUntil(() => pair.Companion.Finished, 5_000_000));
        Assert.Equal(CompanionState.Failed, pair.Companion.State);
        Assert.Contains("drives PX4 and ArduCopter multirotors", pair.Companion.Transitions[^1].Reason, StringComparison.Ordinal);
        Assert.Empty(pair.Fc.Commands);
        Assert.Equal(0, pair.Fc.Setpoints);
    }

    [Fact]
    public void TheCompanionsHeartbeatSaysOnboardController()
    {
        var pair = new Pair(MavAutopilot.Px4, new CompanionOptions());
        Heartbeat? seen = null;
        using IDisposable _ = pair.Fc.Node.Subscribe((in Heartbeat h, in Drivers.Mavlink.MavlinkFrameHeader header) => seen = h);
        pair.RunUntil(() => seen is not null, 2_000_000);
        Assert.Equal(MavType.OnboardController, seen!.Value.Type);
        Assert.Equal(MavAutopilot.Invalid, seen.Value.Autopilot);
    }

    /// <summary>Companion and scripted FC joined in memory, both ticked at 50 Hz on one manual clock.</summary>
    private sealed class Pair
    {
        private readonly ManualClock _clock = new(1_000_000);

        public Pair(MavAutopilot autopilot, CompanionOptions options, MavType type = MavType.Quadrotor)
        {
            Fc = new ScriptedFlightController(new Sink(bytes =>
            {
                // COMMAND_ACK is message 77 (v2 id bytes 7..9).
                if (!(DropAcks && bytes[0] == 0xFD && bytes[7] == 77 && bytes[8] == 0 && bytes[9] == 0))
                {
                    Companion!.Receive(bytes);
                }
            }), _clock, autopilot, type);
            Companion = new CompanionController(new Sink(bytes => Fc.Node.Receive(bytes)), _clock, options,
                _ => new CompanionRoute([new Vector3(0, 0, -options.TakeoffHeightM), new Vector3(10, 5, -options.TakeoffHeightM)], true, "leg"));
        }

        public ScriptedFlightController Fc { get; }

        public CompanionController Companion { get; }

        public bool DropAcks { get; set; }

        public bool RunUntil(Func<bool> done, long timeoutUs)
        {
            long end = _clock.TimeUs + timeoutUs;
            while (_clock.TimeUs < end)
            {
                _clock.AdvanceUs(20_000);
                Fc.Tick();
                Companion.Tick();
                if (done())
                {
                    return true;
                }
            }

            return false;
        }
    }

    private delegate void BytesAction(ReadOnlySpan<byte> bytes);

    private sealed class Sink(BytesAction action) : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame)
        {
            action(frame);
            return true;
        }
    }
}

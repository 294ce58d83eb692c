using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.TimeSync.Client;
using StrategicTech.Drivers.Mavlink.Microservices.TimeSync.Server;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Drivers.Mavlink.Tests.Microservices;

public sealed class TimesyncTests
{
    /// <summary>Our node (255/190) and a peer (1/1) whose clock runs <see cref="PeerOffsetUs"/> ahead, joined by a link with a delay per direction.</summary>
    private sealed class DelayedLink
    {
        private readonly List<(long DueUs, bool ToPeer, byte[] Frame)> _inFlight = [];
        private readonly Random _random = new(7);

        public DelayedLink(long peerOffsetUs)
        {
            PeerOffsetUs = peerOffsetUs;
            Local = new MavlinkNode(255, 190, new Sink(this, toPeer: true), Clock);
            Peer = new MavlinkNode(1, 1, new Sink(this, toPeer: false), new OffsetClock(this));
        }

        public ManualClock Clock { get; } = new(1_000_000);

        public long PeerOffsetUs { get; set; }

        public long UplinkDelayUs { get; set; } = 2_000;

        public long DownlinkDelayUs { get; set; } = 2_000;

        public long JitterUs { get; set; }

        public MavlinkNode Local { get; }

        public MavlinkNode Peer { get; }

        public void Run(long durationUs, long stepUs = 250)
        {
            long endUs = Clock.TimeUs + durationUs;
            while (Clock.TimeUs < endUs)
            {
                Clock.AdvanceUs(stepUs);
                for (int i = 0; i < _inFlight.Count; i++)
                {
                    (long dueUs, bool toPeer, byte[] frame) = _inFlight[i];
                    if (dueUs <= Clock.TimeUs)
                    {
                        _inFlight.RemoveAt(i--);
                        (toPeer ? Peer : Local).Receive(frame);
                    }
                }

                Local.Tick();
                Peer.Tick();
            }
        }

        private void Enqueue(bool toPeer, ReadOnlySpan<byte> frame)
        {
            long jitter = JitterUs == 0 ? 0 : _random.NextInt64(-JitterUs, JitterUs + 1);
            _inFlight.Add((Clock.TimeUs + (toPeer ? UplinkDelayUs : DownlinkDelayUs) + jitter, toPeer, frame.ToArray()));
        }

        private sealed class Sink(DelayedLink link, bool toPeer) : IMavlinkFrameSink
        {
            public bool Send(ReadOnlySpan<byte> frame)
            {
                link.Enqueue(toPeer, frame);
                return true;
            }
        }

        private sealed class OffsetClock(DelayedLink link) : IClock
        {
            public long TimeUs => link.Clock.TimeUs + link.PeerOffsetUs;
        }
    }

    [Fact]
    public void Offset_and_rtt_converge_to_the_true_values_under_jitter()
    {
        var link = new DelayedLink(peerOffsetUs: 123_456_789) { JitterUs = 500 };
        link.Peer.Add(new TimesyncResponder(link.Peer));
        TimesyncClient client = link.Local.Add(new TimesyncClient(link.Local, 1, 1, periodUs: 100_000));

        link.Run(30_000_000);

        Assert.True(client.HasEstimate);
        Assert.InRange(client.Samples, 290, 300);
        // Symmetric delays: the midpoint is unbiased; jitter ±0.5 ms averages out.
        Assert.InRange(client.OffsetNs, 123_456_789_000 - 150_000, 123_456_789_000 + 150_000);
        Assert.InRange(client.RttNs, 4_000_000 - 300_000, 4_000_000 + 300_000);
        Assert.Equal(0, client.RejectedHighRtt);
        Assert.InRange(client.PeerToLocalUs(10_000_000), 10_000_000 - 123_456_789 - 150, 10_000_000 - 123_456_789 + 150);
    }

    [Fact]
    public void Asymmetric_delay_biases_the_offset_by_half_the_difference()
    {
        var link = new DelayedLink(peerOffsetUs: -5_000_000) { UplinkDelayUs = 1_000, DownlinkDelayUs = 5_000 };
        link.Peer.Add(new TimesyncResponder(link.Peer));
        TimesyncClient client = link.Local.Add(new TimesyncClient(link.Local, 1, 1, periodUs: 100_000));

        link.Run(5_000_000);

        // Peer stamps 1 ms after our send; midpoint is 3 ms after: estimate = true − 2 ms (ticks quantise to 0.25 ms).
        Assert.InRange(client.OffsetNs, -5_002_000_000 - 250_000, -5_002_000_000 + 250_000);
        Assert.InRange(client.RttNs, 5_750_000, 6_250_000);
    }

    [Fact]
    public void Slow_round_trips_are_rejected()
    {
        var link = new DelayedLink(peerOffsetUs: 1_000) { UplinkDelayUs = 8_000, DownlinkDelayUs = 8_000 };
        link.Peer.Add(new TimesyncResponder(link.Peer));
        TimesyncClient client = link.Local.Add(new TimesyncClient(link.Local, 1, 1, periodUs: 100_000));

        link.Run(2_000_000);

        Assert.Equal(0, client.Samples);
        Assert.False(client.HasEstimate);
        Assert.InRange(client.RejectedHighRtt, 19, 20);
    }

    [Fact]
    public void A_peer_clock_jump_restarts_the_filter_after_five_outliers()
    {
        var link = new DelayedLink(peerOffsetUs: 2_000_000);
        link.Peer.Add(new TimesyncResponder(link.Peer));
        TimesyncClient client = link.Local.Add(new TimesyncClient(link.Local, 1, 1, periodUs: 100_000));
        link.Run(3_000_000);
        Assert.InRange(client.OffsetNs, 2_000_000_000 - 300_000, 2_000_000_000 + 300_000);

        link.PeerOffsetUs = -7_000_000; // peer rebooted
        link.Run(350_000);
        Assert.InRange(client.RejectedDeviation, 3, 4);
        Assert.InRange(client.OffsetNs, 2_000_000_000 - 300_000, 2_000_000_000 + 300_000);
        link.Run(2_000_000);

        Assert.Equal(1, client.Resets);
        Assert.InRange(client.OffsetNs, -7_000_000_000 - 300_000, -7_000_000_000 + 300_000);
    }

    [Fact]
    public void Responder_answers_requests_for_it_with_its_time_and_the_requester_as_target()
    {
        var link = new DelayedLink(peerOffsetUs: 500_000);
        TimesyncResponder responder = link.Peer.Add(new TimesyncResponder(link.Peer));
        FrameRecorder recorder = link.Local.Add(new FrameRecorder());

        link.Local.Send(new Timesync { Tc1 = 0, Ts1 = 42, TargetSystem = 0, TargetComponent = 0 }); // broadcast request
        link.Local.Send(new Timesync { Tc1 = 0, Ts1 = 43, TargetSystem = 9, TargetComponent = 1 }); // someone else's
        link.Local.Send(new Timesync { Tc1 = 5, Ts1 = 44, TargetSystem = 1, TargetComponent = 1 }); // an answer, not a request
        link.Run(10_000);

        Timesync answer = Assert.Single(recorder.Decoded<Timesync>());
        Assert.Equal(1, responder.Answered);
        Assert.Equal(42, answer.Ts1);
        Assert.Equal(255, answer.TargetSystem);
        Assert.Equal(190, answer.TargetComponent);
        // Peer time at arrival: 1 s start + 2 ms uplink + 0.5 s offset (first tick at or after arrival).
        Assert.Equal((1_000_000 + 2_000 + 500_000) * 1000L, answer.Tc1);
    }

    [Fact]
    public void Legacy_answers_without_target_are_counted_and_ignored()
    {
        var link = new DelayedLink(peerOffsetUs: 0);
        TimesyncClient client = link.Local.Add(new TimesyncClient(link.Local, 1, 1, periodUs: 100_000));
        link.Peer.Add(new LegacyResponder(link.Peer));

        link.Run(1_000_000);

        Assert.Equal(0, client.Samples);
        Assert.InRange(client.LegacyAnswers, 9, 10);
    }

    private sealed class LegacyResponder(MavlinkNode node) : IMavlinkService
    {
        public void OnFrame(MavlinkFrame frame, long nowUs)
        {
            if (frame.TryDecode(out Timesync request) && request.Tc1 == 0)
            {
                node.Send(new Timesync { Tc1 = nowUs * 1000, Ts1 = request.Ts1 });
            }
        }

        public void Tick(long nowUs)
        {
        }
    }
}

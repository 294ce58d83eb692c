using System.Text;
using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.StatusText.Client;
using StrategicTech.Drivers.Mavlink.Microservices.StatusText.Server;
using StrategicTech.Navigation.Time;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Mavlink.Tests.Microservices;

public sealed class StatusTextTests
{
    private static (LossyNetwork Net, StatusTextSender Sender, StatusTextReceiver Receiver, List<StatusTextMessage> Received, FrameRecorder Wire) Setup(int seed = 1)
    {
        var net = new LossyNetwork(seed);
        var sender = new StatusTextSender(net.B);
        StatusTextReceiver receiver = net.A.Add(new StatusTextReceiver());
        FrameRecorder wire = net.A.Add(new FrameRecorder());
        var received = new List<StatusTextMessage>();
        receiver.Messages.Subscribe(received.Add);
        return (net, sender, receiver, received, wire);
    }

    [Fact]
    public void Short_text_is_one_message_with_id_zero()
    {
        (LossyNetwork net, StatusTextSender sender, _, List<StatusTextMessage> received, FrameRecorder wire) = Setup();

        Assert.Equal(1, sender.Send(MavSeverity.Warning, "Low battery"));
        net.Pump();

        Statustext sent = Assert.Single(wire.Decoded<Statustext>());
        Assert.Equal(0, sent.Id);
        Assert.Equal(0, sent.ChunkSeq);
        Assert.Equal("Low battery", sent.TextText);
        StatusTextMessage message = Assert.Single(received);
        Assert.Equal((byte)1, message.SystemId);
        Assert.Equal(MavSeverity.Warning, message.Severity);
        Assert.Equal("Low battery", message.Text);
        Assert.True(message.IsComplete);
    }

    [Fact]
    public void Long_text_is_chunked_with_a_shared_nonzero_id_and_a_nul_terminated_last_chunk()
    {
        (LossyNetwork net, StatusTextSender sender, StatusTextReceiver receiver, List<StatusTextMessage> received, FrameRecorder wire) = Setup();
        string text = string.Concat(Enumerable.Range(0, 12).Select(i => $"part{i:D2}-abc")); // 12 × 10 = 120 bytes

        Assert.Equal(3, sender.Send(MavSeverity.Critical, text));
        net.Pump();

        List<Statustext> chunks = wire.Decoded<Statustext>();
        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(chunks[0].Id, c.Id));
        Assert.NotEqual(0, chunks[0].Id);
        Assert.Equal([0, 1, 2], chunks.Select(c => (int)c.ChunkSeq));
        Statustext c0 = chunks[0], c1 = chunks[1], c2 = chunks[2];
        Assert.Equal(text[..50], Encoding.ASCII.GetString(c0.Text));
        Assert.Equal(text[50..100], Encoding.ASCII.GetString(c1.Text));
        ReadOnlySpan<byte> last = c2.Text;
        Assert.Equal(text[100..], Encoding.ASCII.GetString(last[..20]));
        Assert.Equal(0, last[20]);
        StatusTextMessage message = Assert.Single(received);
        Assert.Equal(text, message.Text);
        Assert.Equal(MavSeverity.Critical, message.Severity);
        Assert.Equal(1, receiver.Completed);

        // The next chunked text gets another id.
        sender.Send(MavSeverity.Info, text);
        net.Pump();
        Assert.NotEqual(chunks[0].Id, wire.Decoded<Statustext>()[3].Id);
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public void Text_of_exactly_two_chunks_ends_with_an_empty_terminator_chunk()
    {
        (LossyNetwork net, StatusTextSender sender, _, List<StatusTextMessage> received, FrameRecorder wire) = Setup();
        string text = new('x', 100);

        Assert.Equal(3, sender.Send(MavSeverity.Info, text));
        net.Pump();

        Statustext terminator = wire.Decoded<Statustext>()[2];
        Assert.Equal(2, terminator.ChunkSeq);
        Assert.Equal(0, ((ReadOnlySpan<byte>)terminator.Text)[0]);
        Assert.Equal(text, Assert.Single(received).Text);
    }

    [Property(MaxTest = 60)]
    public void Reordered_and_duplicated_chunks_reassemble_exactly(int seed, PositiveInt lengthSeed)
    {
        const string Alphabet = "abcXYZ 0189.:-_éü€日本→";
        var random = new Random(seed);
        int length = 1 + (lengthSeed.Get % 300); // ≤ 900 UTF-8 bytes: within the sender's default 1000
        string text = string.Create(length, random, (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
        (LossyNetwork net, StatusTextSender sender, StatusTextReceiver receiver, List<StatusTextMessage> received, _) = Setup(seed);
        net.ReorderProbability = 0.5;
        net.DuplicateProbability = 0.3;

        sender.Send(MavSeverity.Notice, text);
        sender.Send(MavSeverity.Error, "second");
        net.Pump();

        // A duplicated single (id 0) message cannot be told from a repeat, so it may show twice; chunked texts never do.
        List<StatusTextMessage> notices = received.Where(m => m.Severity == MavSeverity.Notice).ToList();
        Assert.NotEmpty(notices);
        Assert.All(notices, m => Assert.Equal(text, m.Text));
        Assert.All(notices, m => Assert.True(m.IsComplete));
        if (Encoding.UTF8.GetByteCount(text) > StatusTextSender.ChunkBytes)
        {
            Assert.Single(notices);
        }

        Assert.Contains(received, m => m.Severity == MavSeverity.Error && m.Text == "second");
        Assert.Equal(0, receiver.Incomplete);
    }

    [Fact]
    public void Missing_chunk_times_out_counted_and_published_incomplete()
    {
        (LossyNetwork net, StatusTextSender sender, StatusTextReceiver receiver, List<StatusTextMessage> received, _) = Setup();
        string text = new string('a', 50) + new string('b', 50) + "end";
        // Only chunk 1 is untrimmed (54-byte payload) with chunk_seq (payload byte 53) = 1.
        net.DropFilter = (toB, frame) => !toB && frame[1] == 54 && frame[10 + 53] == 1;

        sender.Send(MavSeverity.Alert, text);
        net.Run(1_900_000);
        Assert.Empty(received);
        net.Run(200_000);

        StatusTextMessage message = Assert.Single(received);
        Assert.False(message.IsComplete);
        Assert.Equal(new string('a', 50) + "…end", message.Text);
        Assert.Equal(1, receiver.Incomplete);

        // The receiver keeps working after an expiry.
        net.DropFilter = null;
        sender.Send(MavSeverity.Info, "ok");
        net.Pump();
        Assert.Equal("ok", received[^1].Text);
    }

    [Fact]
    public void Too_long_text_is_truncated_at_a_character_boundary_and_counted()
    {
        var clock = new ManualClock();
        var sink = new ListSink();
        var node = new MavlinkNode(1, 1, sink, clock);
        var sender = new StatusTextSender(node, maxTextBytes: 60);

        int chunks = sender.Send(MavSeverity.Info, new string('a', 59) + "€€");

        Assert.Equal(2, chunks);
        Assert.Equal(1, sender.Truncated);
        var parser = new MavlinkParser(CommonDialect.Instance);
        ReadOnlySpan<byte> input = sink.Bytes.ToArray();
        Assert.True(parser.TryRead(ref input, out _));
        Assert.True(parser.TryRead(ref input, out MavlinkFrame second));
        Assert.True(second.TryDecode(out Statustext last));
        Assert.Equal(new string('a', 9), last.TextText); // "€" (3 bytes) did not fit in byte 60
    }

    [Fact]
    public void Sending_chunked_text_allocates_nothing()
    {
        var node = new MavlinkNode(1, 1, new ListSink { Keep = false }, new ManualClock());
        var sender = new StatusTextSender(node);
        string text = new('z', 420);

        long calls = Allocations.AssertZero(() => sender.Send(MavSeverity.Debug, text), iterations: 200);
        Assert.Equal(9 * calls, sender.MessagesSent);
    }

    private sealed class ListSink : IMavlinkFrameSink
    {
        public List<byte> Bytes { get; } = [];

        public bool Keep { get; init; } = true;

        public bool Send(ReadOnlySpan<byte> frame)
        {
            if (Keep)
            {
                Bytes.AddRange(frame);
            }

            return true;
        }
    }
}

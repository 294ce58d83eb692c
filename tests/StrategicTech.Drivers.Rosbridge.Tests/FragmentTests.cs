using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>Fragment reassembly: any order, interleaved messages, duplicates, bounded and reused memory.</summary>
public sealed class FragmentTests
{
    [Property(MaxTest = 100)]
    public Property A_fragmented_scan_reassembles_from_fragments_in_any_order(PositiveInt size, int seed)
    {
        int fragmentSize = 16 + (size.Get % 600);
        byte[] whole = RosbridgeFrames.Publish("/scan", MessageSamples.Scan360(seed), RosTypes.LaserScan.Contract);
        IReadOnlyList<byte[]> fragments = RosbridgeFrames.Fragment(whole, fragmentSize, "f1");
        var order = fragments.Select((f, i) => (f, key: new Random(seed).Next() ^ (i * 7919))).OrderBy(p => p.key).Select(p => p.f).ToList();
        var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<LaserScan> scan = client.Subscribe("/scan", RosTypes.LaserScan);
        foreach (byte[] fragment in order)
        {
            client.HandleFrame(fragment, binary: false);
        }

        client.HandleFrame(order[0], binary: false); // a late duplicate starts a new message that never completes
        bool got = scan.TryGetLatest(out LaserScan received, out long sequence);
        return (got && sequence == 1 && received.Ranges.AsSpan().SequenceEqual(MessageSamples.Scan360(seed).Ranges) && client.Counters.BadFrames == 0)
            .Label($"fragments={fragments.Count} bad={client.Counters.BadFrames} last={client.Counters.LastError}");
    }

    [Property(MaxTest = 100)]
    public Property Two_fragmented_scans_interleaved_in_any_order_both_land_in_preallocated_slots(PositiveInt size, int seed)
    {
        int fragmentSize = 16 + (size.Get % 900);
        LaserScan first = MessageSamples.Scan360(seed), second = MessageSamples.Scan360(seed + 1);
        var all = RosbridgeFrames.Fragment(RosbridgeFrames.Publish("/scan", first, RosTypes.LaserScan.Contract), fragmentSize, "a")
            .Concat(RosbridgeFrames.Fragment(RosbridgeFrames.Publish("/scan", second, RosTypes.LaserScan.Contract), fragmentSize, "b")).ToList();
        var random = new Random(seed);
        var order = all.OrderBy(_ => random.Next()).ToList();
        var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        PreallocatedSubscription<LaserScanBuffer> scan = client.SubscribePreallocated("/scan", PreallocatedTypes.LaserScan());
        foreach (byte[] fragment in order)
        {
            client.HandleFrame(fragment, binary: false);
        }

        var received = new List<float[]>();
        while (scan.TryRead(out LaserScanBuffer b))
        {
            received.Add(b.Ranges.ToArray());
        }

        bool both = received.Count == 2
            && received.Any(r => r.AsSpan().SequenceEqual(first.Ranges)) && received.Any(r => r.AsSpan().SequenceEqual(second.Ranges));
        return (both && client.Counters.BadFrames == 0)
            .Label($"fragments={all.Count} received={received.Count} bad={client.Counters.BadFrames} last={client.Counters.LastError}");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(500)]
    public async Task Reassembling_a_fragmented_360_beam_scan_into_a_preallocated_slot_allocates_nothing_after_the_first(int fragmentSize)
    {
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        PreallocatedSubscription<LaserScanBuffer> scan = client.SubscribePreallocated("/scan", PreallocatedTypes.LaserScan(), capacity: 4);
        IReadOnlyList<byte[]> warm = RosbridgeFrames.Fragment(RosbridgeFrames.Publish("/scan", MessageSamples.Scan360(1), RosTypes.LaserScan.Contract), fragmentSize, "publish:/scan:1");
        IReadOnlyList<byte[]> next = RosbridgeFrames.Fragment(RosbridgeFrames.Publish("/scan", MessageSamples.Scan360(2), RosTypes.LaserScan.Contract), fragmentSize, "publish:/scan:2");
        Assert.True(next.Count > 5, $"{next.Count} fragments");
        foreach (byte[] fragment in warm)
        {
            client.HandleFrame(fragment, binary: false);
        }

        double rangeSum = 0;
        int runs = 0;
        Allocations.AssertZero(() =>
        {
            runs++;
            for (int i = next.Count - 1; i >= 0; i--) // reverse order: every slice lands out of place
            {
                client.HandleFrame(next[i], binary: false);
            }

            while (scan.TryRead(out LaserScanBuffer s))
            {
                rangeSum += s.Ranges[0];
            }
        });

        Assert.Equal(1 + runs, scan.Sequence); // every run reassembled and delivered its scan
        Assert.Equal(0, scan.Dropped + client.Counters.BadFrames);
        Assert.True(rangeSum > 0);
    }

    [Fact]
    public void A_fragment_whose_data_escapes_a_lone_surrogate_is_refused_and_counted()
    {
        var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        client.Subscribe("/t", RosTypes.String);
        client.HandleFrame(Encoding.UTF8.GetBytes("{\"op\":\"fragment\",\"id\":\"x\",\"data\":\"{\\\"op\",\"num\":0,\"total\":2}"), binary: false);
        client.HandleFrame(Encoding.UTF8.GetBytes("{\"op\":\"fragment\",\"id\":\"x\",\"data\":\"\\ud83e\",\"num\":1,\"total\":2}"), binary: false);

        Assert.Equal(1, client.Counters.FragmentErrors);
        Assert.Contains("fragment 'x': fragment 'data' is not valid JSON string text", client.Counters.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reassembled_message_that_is_itself_a_fragment_is_refused()
    {
        var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        byte[] inner = Encoding.UTF8.GetBytes("{\"op\":\"fragment\",\"id\":\"in\",\"data\":\"{}\",\"num\":0,\"total\":1}");
        foreach (byte[] fragment in RosbridgeFrames.Fragment(inner, 20, "out"))
        {
            client.HandleFrame(fragment, binary: false);
        }

        Assert.Equal(1, client.Counters.FragmentErrors);
        Assert.Equal("a fragment inside a reassembled message", client.Counters.LastError);
    }

    [Fact]
    public void A_fragment_total_beyond_the_limit_is_refused_before_anything_is_allocated()
    {
        var assembler = new FragmentAssembler(maxFragments: 100, maxMessageBytes: 1000);
        var e = Assert.Throws<RosbridgeFrameException>(() => assembler.Add("x", "ab", 0, int.MaxValue));
        Assert.Contains("total 2147483647 outside 1..100", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, assembler.PendingCount);
    }

    [Fact]
    public void Fragments_summing_past_the_message_limit_are_refused_and_the_message_dropped()
    {
        var assembler = new FragmentAssembler(maxFragments: 10, maxMessageBytes: 10);
        Assert.Null(assembler.Add("x", "123456", 0, 3));
        Assert.Throws<RosbridgeFrameException>(() => assembler.Add("x", "123456", 1, 3));
        Assert.Equal(0, assembler.PendingCount);
    }

    [Fact]
    public void At_most_max_pending_messages_are_open_and_the_oldest_is_evicted()
    {
        var assembler = new FragmentAssembler(maxPending: 2);
        assembler.Add("a", "{", 0, 2);
        assembler.Add("b", "{", 0, 2);
        assembler.Add("c", "{", 0, 2);
        Assert.Equal((2, 1L), (assembler.PendingCount, assembler.Evicted));
        Assert.Equal("{}", assembler.Add("c", "}", 1, 2));
        Assert.Null(assembler.Add("a", "}", 1, 2)); // a was evicted: this starts it over
    }

    [Fact]
    public void Fragment_data_is_a_slice_of_the_original_JSON_text()
    {
        byte[] whole = Encoding.UTF8.GetBytes("{\"op\":\"publish\",\"topic\":\"/a\",\"msg\":{\"data\":\"hello\"}}");
        IReadOnlyList<byte[]> parts = RosbridgeFrames.Fragment(whole, 10, "id7");
        Assert.Equal(6, parts.Count);
        Assert.StartsWith("{\"op\":\"fragment\",\"id\":\"id7\",\"data\":\"{\\u0022op\\u0022:\\u0022pub\",\"num\":0,\"total\":6}", Encoding.UTF8.GetString(parts[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair_so_text_beyond_the_BMP_survives_fragmentation()
    {
        var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<StringMessage> text = client.Subscribe("/t", RosTypes.String);
        byte[] whole = RosbridgeFrames.Publish("/t", new StringMessage("a\U0001F916b\U0001F916"), RosTypes.String.Contract);
        foreach (byte[] fragment in RosbridgeFrames.Fragment(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(whole).Replace("\\uD83E\\uDD16", "\U0001F916", StringComparison.Ordinal)), 2, "s")) // size 2 would cut between the first pair (chars 45, 46)
        {
            client.HandleFrame(fragment, binary: false);
        }

        Assert.True(text.TryGetLatest(out StringMessage m, out _), client.Counters.LastError);
        Assert.Equal("a\U0001F916b\U0001F916", m.Data);
    }
}

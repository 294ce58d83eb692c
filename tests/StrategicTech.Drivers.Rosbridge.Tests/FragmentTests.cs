using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>Fragment reassembly: any order, duplicates, bounded memory.</summary>
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

    [Fact]
    public void A_fragment_total_beyond_the_limit_is_refused_before_anything_is_allocated()
    {
        var assembler = new FragmentAssembler(maxFragments: 100, maxMessageChars: 1000);
        var e = Assert.Throws<RosbridgeFrameException>(() => assembler.Add("x", "ab", 0, int.MaxValue));
        Assert.Contains("total 2147483647 outside 1..100", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, assembler.PendingCount);
    }

    [Fact]
    public void Fragments_summing_past_the_message_limit_are_refused_and_the_message_dropped()
    {
        var assembler = new FragmentAssembler(maxFragments: 10, maxMessageChars: 10);
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

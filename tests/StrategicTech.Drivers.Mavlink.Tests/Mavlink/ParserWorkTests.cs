using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>
/// Issue 17 item 4: the parser's work per input byte (<see cref="MavlinkParserStats.WorkBytes"/>: bytes scanned,
/// read as headers or checksummed) stays small on floods and noise, and bounded on input crafted to be expensive.
/// Counted, not timed, so the load on the machine cannot change the verdict.
/// </summary>
public sealed class ParserWorkTests(ITestOutputHelper output)
{
    private const int Size = 1 << 20;

    [Theory]
    [InlineData("0xFE flood", "common", 10.5)]    // measured 7.00: 1 scanned + 6 of header (MAVLink 1, length 254, id 254 refused from its header)
    [InlineData("0xFE flood", "minimal", 55.0)]   // measured 37.10: id 254 unknown, so each marker is an unknown-id candidate judged with the headers after it
    [InlineData("0xFD flood", "common", 16.5)]    // measured 11.00: 1 + 10 of header (incompat flags 0xFD refused from the header)
    [InlineData("0xFD flood", "minimal", 16.5)]   // measured 11.00
    [InlineData("0xFE/0xFD mix", "common", 13.5)] // measured 9.00
    [InlineData("0xFE/0xFD mix", "minimal", 25.0)] // measured 16.62
    [InlineData("noise", "common", 1.65)]         // measured 1.09
    [InlineData("noise", "minimal", 1.65)]        // measured 1.11
    [InlineData("stream", "common", 1.95)]        // measured 1.29: each frame's header read and checksummed once, no scanning between frames
    [InlineData("stream", "minimal", 4.5)]        // measured 3.02: its ids are unknown here, each frame judged with the frames after it
    public void Work_per_input_byte_is_small_on_floods_noise_and_real_traffic(string input, string dialectName, double bound)
    {
        byte[] data = Input(input);
        MavlinkDialect dialect = dialectName == "common" ? CommonDialect.Instance : MinimalDialect.Instance;
        var parser = new MavlinkParser(dialect);
        ParseAll.Frames(parser, data, new Random(5));
        double perByte = (double)parser.Stats.WorkBytes / data.Length;
        output.WriteLine($"{input}, {dialectName}: {perByte:F2} bytes examined per input byte");
        Assert.True(perByte <= bound, $"{input}, {dialectName}: {perByte:F2} bytes examined per input byte, bound {bound}");
    }

    [Fact]
    public void Work_per_input_byte_is_bounded_on_headers_crafted_to_claim_the_longest_frames()
    {
        // MAVLink 1 ENCAPSULATED_DATA headers (length 255, the only length it has) every 6 bytes: each claims 263
        // bytes, so each byte lies under about 44 candidates that must each be checksummed.
        var v1 = new byte[Size];
        for (int i = 0; i + 6 <= v1.Length; i += 6)
        {
            v1[i] = MavlinkConstants.MagicV1;
            v1[i + 1] = 255;
            v1[i + 5] = 131;
        }

        var parser = new MavlinkParser(CommonDialect.Instance);
        ParseAll.Frames(parser, v1, new Random(1));
        double perByte = (double)parser.Stats.WorkBytes / v1.Length;
        output.WriteLine($"crafted: {perByte:F2} bytes examined per input byte");
        Assert.True(perByte <= 70, $"{perByte:F1} bytes examined per input byte"); // measured 46.5; bound 70
    }

    [Fact]
    public void Floods_and_noise_allocate_nothing_and_yield_no_known_frame_in_chunks_of_700_bytes()
    {
        byte[][] inputs = [Input("0xFE flood")[..65536], Input("0xFD flood")[..65536], Input("noise")[..65536], Input("0xFE/0xFD mix")[..65536]];
        foreach (MavlinkDialect dialect in new MavlinkDialect[] { CommonDialect.Instance, MinimalDialect.Instance })
        {
            var parser = new MavlinkParser(dialect);
            long known = 0, unknown = 0, flushes = 0;
            Allocations.AssertZero(
                () =>
                {
                    foreach (byte[] data in inputs)
                    {
                        for (int at = 0; at < data.Length; at += 700)
                        {
                            ReadOnlySpan<byte> chunk = data.AsSpan(at, Math.Min(700, data.Length - at));
                            while (parser.TryRead(ref chunk, out MavlinkFrame frame))
                            {
                                known += frame.IsKnown ? 1 : 0;
                                unknown += frame.IsKnown ? 0 : 1;
                            }
                        }

                        flushes++;
                        while (parser.TryFlush(out MavlinkFrame frame))
                        {
                            known += frame.IsKnown ? 1 : 0;
                            unknown += frame.IsKnown ? 0 : 1;
                        }
                    }
                },
                iterations: 3);
            output.WriteLine($"{dialect.GetType().Name}: {known} known, {unknown} unknown-id frames in {flushes} streams");
            Assert.Equal(0, known);

            // Only at a stream's end can an unknown-id candidate be believed without a checked frame after it: the
            // one or two candidates ending exactly there. With the minimal dialect each 0xFE flood stream (one in four
            // streams) ends in such a pair: measured 8 in 16 streams and 30 in 60 (the number of streams follows the
            // allocation helper's warm-up); 0 with the common dialect. Bound: that one pair per flood stream, no more.
            long floodStreams = flushes / inputs.Length;
            long bound = dialect == MinimalDialect.Instance ? 2 * floodStreams : 0;
            Assert.True(unknown <= bound, $"{unknown} unknown-id frames in {flushes} streams, bound {bound}");
        }
    }

    private static byte[] Input(string name)
    {
        var random = new Random(11);
        var data = new byte[Size];
        switch (name)
        {
            case "0xFE flood":
                data.AsSpan().Fill(MavlinkConstants.MagicV1);
                break;
            case "0xFD flood":
                data.AsSpan().Fill(MavlinkConstants.MagicV2);
                break;
            case "0xFE/0xFD mix":
                for (int i = 0; i < data.Length; i++)
                {
                    data[i] = random.Next(2) == 0 ? MavlinkConstants.MagicV1 : MavlinkConstants.MagicV2;
                }

                break;
            case "noise":
                random.NextBytes(data);
                break;
            default:
                data = StreamFrames.All[..Size];
                break;
        }

        return data;
    }
}

using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>Byte-exact agreement with frames encoded by the official C library (shared/mavlink/vectors.txt).</summary>
public sealed class ReferenceVectorTests
{
    private static readonly IReadOnlyList<ReferenceVector> Vectors = ReferenceVectors.Load();

    public static TheoryData<string> VectorIds()
    {
        var data = new TheoryData<string>();
        foreach (var v in Vectors)
        {
            data.Add(v.ToString());
        }

        return data;
    }

    [SharedDataFact]
    public void The_vector_file_holds_unsigned_and_signed_frames()
    {
        Assert.Equal(29, Vectors.Count);
        Assert.Equal(3, Vectors.Count(v => v.Signed));
    }

    [SharedDataTheory]
    [MemberData(nameof(VectorIds))]
    public void Encoding_the_listed_values_reproduces_the_C_library_frame(string id)
    {
        ReferenceVector v = Vectors.Single(x => x.ToString() == id);
        Type type = MessageCatalog.ByName(v.Name);
        Assert.Equal(v.MessageId, MessageCatalog.IdOf(type));
        object message = Activator.CreateInstance(type)!;
        foreach (var (field, value) in v.Fields)
        {
            FieldValues.Set(message, field, value);
        }

        MavlinkSigner? signer = v.Signed
            ? new MavlinkSigner(new MavlinkSigningKey(ReferenceVectors.SecretKey()), v.LinkId, new ManualClock(0), v.Timestamp - 1)
            : null;
        byte[] frame = MessageCatalog.EncodeV2(type, message, v.Sequence, v.SystemId, v.ComponentId, signer);
        Assert.Equal(Convert.ToHexString(v.Frame), Convert.ToHexString(frame));
    }

    [SharedDataTheory]
    [MemberData(nameof(VectorIds))]
    public void Parsing_the_C_library_frame_yields_the_listed_values(string id)
    {
        ReferenceVector v = Vectors.Single(x => x.ToString() == id);
        var key = new MavlinkSigningKey(ReferenceVectors.SecretKey());
        var verifier = new MavlinkSignatureVerifier(key, MavlinkSigningPolicy.Accept, ManualClock.AtSigningTimestamp(v.Timestamp));
        var parser = new MavlinkParser(CommonDialect.Instance, verifier);
        var frames = ParseAll.Frames(parser, v.Frame);

        Assert.Single(frames);
        Assert.Equal(v.Frame, frames[0]);
        Assert.Equal(1, parser.Stats.Frames);
        Assert.Equal(0, parser.Stats.Errors);
        Type type = MessageCatalog.ByName(v.Name);
        ReadOnlySpan<byte> raw = frames[0];
        int payloadLength = raw[1];
        object message = MessageCatalog.Decode(type, raw.Slice(10, payloadLength).ToArray());
        foreach (var (field, value) in v.Fields)
        {
            Assert.True(FieldValues.Matches(message, field, value, out string actual), $"{v.Name}.{field}: expected {value}, decoded {actual}");
        }
    }

    [SharedDataFact]
    public void Every_signed_vector_verifies_with_the_key_and_fails_with_another()
    {
        byte[] key = ReferenceVectors.SecretKey();
        byte[] wrong = (byte[])key.Clone();
        wrong[31] ^= 0x01;
        foreach (ReferenceVector v in Vectors.Where(x => x.Signed))
        {
            Assert.True(MavlinkSignature.Verify(key, v.Frame), v.ToString());
            Assert.False(MavlinkSignature.Verify(wrong, v.Frame), v.ToString());

            var good = new MavlinkParser(CommonDialect.Instance, new MavlinkSignatureVerifier(new MavlinkSigningKey(key), MavlinkSigningPolicy.Require, ManualClock.AtSigningTimestamp(v.Timestamp)));
            Assert.Single(ParseAll.Frames(good, v.Frame));

            var bad = new MavlinkParser(CommonDialect.Instance, new MavlinkSignatureVerifier(new MavlinkSigningKey(wrong), MavlinkSigningPolicy.Require, ManualClock.AtSigningTimestamp(v.Timestamp)));
            Assert.Empty(ParseAll.Frames(bad, v.Frame));
            Assert.Equal(1, bad.Stats.SignatureFailures);
        }
    }

    [SharedDataFact]
    public void Typed_decode_of_a_vector_reads_real_numbers()
    {
        ReferenceVector v = Vectors.Single(x => x.Name == "GLOBAL_POSITION_INT");
        var parser = new MavlinkParser(CommonDialect.Instance);
        ReadOnlySpan<byte> input = v.Frame;
        Assert.True(parser.TryRead(ref input, out MavlinkFrame frame));
        Assert.True(frame.TryDecode(out GlobalPositionInt position));
        Assert.Equal(473977418, position.Lat);
        Assert.Equal(85455939, position.Lon);
        Assert.Equal(27315, position.Hdg);
        Assert.False(frame.TryDecode(out Heartbeat _));

        ReferenceVector text = Vectors.Single(x => x.Name == "STATUSTEXT");
        input = text.Frame;
        Assert.True(parser.TryRead(ref input, out frame));
        Assert.True(frame.TryDecode(out Statustext status));
        Assert.Equal("Preflight Fail: Accel uncalibrated", status.TextText);
        Span<char> chars = stackalloc char[64];
        Assert.Equal("Preflight Fail: Accel uncalibrated", chars[..status.GetText(chars)].ToString());
        Assert.Equal(MavSeverity.Warning, status.Severity);
    }
}

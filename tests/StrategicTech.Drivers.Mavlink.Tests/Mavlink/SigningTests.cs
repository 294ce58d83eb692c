using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>MAVLink 2 signing: sign, verify, replay and staleness rules, policies, key and timestamp storage.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SigningTests : IDisposable
{
    private const long StartUs = 1_800_000_000_000_000; // 2027-01-15
    private readonly string _dir = Directory.CreateTempSubdirectory("mavlink-signing-").FullName;
    private readonly MavlinkSigningKey _key = new(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());
    private readonly ManualClock _clock = new(StartUs);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Signed_frames_verify_and_tampered_or_foreign_ones_do_not()
    {
        byte[] frame = Sign(new Attitude { Roll = 0.5f }, linkId: 2);
        Assert.Equal(MavlinkConstants.IncompatFlagSigned, frame[2]);
        Assert.True(MavlinkSignature.Verify(_key.Bytes, frame));

        var parser = Verifying(MavlinkSigningPolicy.Require, out _);
        Assert.Single(ParseAll.Frames(parser, frame));

        byte[] tampered = (byte[])frame.Clone();
        tampered[^1] ^= 1;
        var other = Verifying(MavlinkSigningPolicy.Require, out _);
        Assert.Empty(ParseAll.Frames(other, tampered));
        Assert.Equal(1, other.Stats.SignatureFailures);

        var foreignKey = new MavlinkParser(CommonDialect.Instance, new MavlinkSignatureVerifier(MavlinkSigningKey.Generate(), MavlinkSigningPolicy.Accept, _clock));
        Assert.Empty(ParseAll.Frames(foreignKey, frame));
        Assert.Equal(1, foreignKey.Stats.SignatureFailures);
    }

    [Fact]
    public void A_replayed_frame_is_rejected_per_stream()
    {
        byte[] first = Sign(new Attitude { Roll = 1 }, linkId: 0);
        _clock.UnixTimeUs += 10;
        byte[] second = Sign(new Attitude { Roll = 2 }, linkId: 0);
        var parser = Verifying(MavlinkSigningPolicy.Require, out var verifier);
        Assert.Equal(2, ParseAll.Frames(parser, [.. first, .. second]).Count);
        Assert.Empty(ParseAll.Frames(parser, first));
        Assert.Equal(SignatureRejection.Replayed, verifier.LastRejection);
        Assert.Equal(1, parser.Stats.SignatureFailures);
    }

    [Fact]
    public void A_frame_more_than_a_minute_behind_local_time_is_rejected()
    {
        byte[] frame = Sign(new Attitude(), linkId: 1);
        var receiverClock = new ManualClock(StartUs + 59_000_000);
        var parser = new MavlinkParser(CommonDialect.Instance, new MavlinkSignatureVerifier(_key, MavlinkSigningPolicy.Require, receiverClock));
        Assert.Single(ParseAll.Frames(parser, frame));

        byte[] late = Sign(new Attitude(), linkId: 5);
        receiverClock.UnixTimeUs = StartUs + 61_000_000;
        var verifier = new MavlinkSignatureVerifier(_key, MavlinkSigningPolicy.Require, receiverClock);
        Assert.False(verifier.Accept(late, Attitude.MsgId));
        Assert.Equal(SignatureRejection.Stale, verifier.LastRejection);
    }

    [Fact]
    public void Require_rejects_unsigned_and_v1_frames_except_allow_listed_ids()
    {
        var plain = new MavlinkFrameWriter(1, 1);
        var buffer = new byte[300];
        byte[] unsignedAttitude = buffer[..plain.WriteV2(new Attitude(), buffer)];
        byte[] unsignedRadio = buffer[..plain.WriteV2(new RadioStatus { Rssi = 200 }, buffer)];
        byte[] v1Heartbeat = buffer[..plain.WriteV1(new Heartbeat(), buffer)];
        byte[] v1Radio = buffer[..plain.WriteV1(new RadioStatus { Rssi = 200 }, buffer)];
        byte[] stream = [.. unsignedAttitude, .. unsignedRadio, .. v1Heartbeat, .. v1Radio];

        var require = new MavlinkParser(CommonDialect.Instance, new MavlinkSignatureVerifier(_key, MavlinkSigningPolicy.Require, _clock, [RadioStatus.MsgId]));
        var accepted = ParseAll.Frames(require, stream);
        Assert.Equal([unsignedRadio], accepted);
        Assert.Equal(3, require.Stats.SignatureFailures);

        var accept = new MavlinkParser(CommonDialect.Instance, new MavlinkSignatureVerifier(_key, MavlinkSigningPolicy.Accept, _clock));
        Assert.Equal(4, ParseAll.Frames(accept, stream).Count);
    }

    [Fact]
    public void Timestamps_increase_even_within_one_tick_and_when_the_clock_steps_back()
    {
        var signer = new MavlinkSigner(_key, 0, _clock, lastTimestamp: 0);
        var writer = new MavlinkFrameWriter(1, 1, signer);
        var buffer = new byte[300];
        ulong previous = 0;
        for (int i = 0; i < 5; i++)
        {
            int n = writer.WriteV2(new Heartbeat(), buffer);
            ulong ts = MavlinkSignature.ReadTimestamp(buffer.AsSpan(n - 12, 6));
            Assert.True(ts > previous);
            previous = ts;
        }

        Assert.Equal(MavlinkSignature.TimestampFromUnixUs(StartUs) + 4, previous);
        _clock.UnixTimeUs -= 10_000_000;
        writer.WriteV2(new Heartbeat(), buffer);
        Assert.Equal(previous + 1, signer.LastTimestamp);

        var restarted = new MavlinkSigner(_key, 0, new ManualClock(0), lastTimestamp: 123_456_789);
        new MavlinkFrameWriter(1, 1, restarted).WriteV2(new Heartbeat(), buffer);
        Assert.Equal(123_456_790UL, restarted.LastTimestamp);
    }

    [Fact]
    public void The_signing_epoch_is_2015_in_10_microsecond_units()
    {
        Assert.Equal(0UL, MavlinkSignature.TimestampFromUnixUs(MavlinkSignature.EpochUnixUs));
        long oneDayLaterUs = MavlinkSignature.EpochUnixUs + (86_400L * 1_000_000);
        Assert.Equal(8_640_000_000UL, MavlinkSignature.TimestampFromUnixUs(oneDayLaterUs));
        Assert.Equal(new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc), DateTime.UnixEpoch.AddTicks(MavlinkSignature.EpochUnixUs * 10));
    }

    [Fact]
    public void The_key_file_is_created_owner_only_and_loaded_back()
    {
        string path = Path.Combine(_dir, "link.key");
        _key.Save(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.True(MavlinkSigningKey.Load(path).Bytes.SequenceEqual(_key.Bytes));
        Assert.Throws<IOException>(() => _key.Save(path));

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var open = Assert.Throws<InvalidDataException>(() => MavlinkSigningKey.Load(path));
        Assert.Contains("chmod 600", open.Message, StringComparison.Ordinal);

        string shortKey = Path.Combine(_dir, "short.key");
        File.WriteAllBytes(shortKey, new byte[31]);
        File.SetUnixFileMode(shortKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Contains("31 bytes", Assert.Throws<InvalidDataException>(() => MavlinkSigningKey.Load(shortKey)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timestamp_is_persisted_once_a_minute_and_on_shutdown()
    {
        string path = Path.Combine(_dir, "link.timestamp");
        var signer = new MavlinkSigner(_key, 0, _clock, MavlinkSigningState.LoadTimestamp(path));
        var writer = new MavlinkFrameWriter(1, 1, signer);
        var buffer = new byte[300];
        using (var state = new MavlinkSigningState(path, signer))
        {
            writer.WriteV2(new Heartbeat(), buffer);
            state.Tick(0);
            ulong firstSaved = MavlinkSigningState.LoadTimestamp(path);
            Assert.Equal(signer.LastTimestamp, firstSaved);

            writer.WriteV2(new Heartbeat(), buffer);
            state.Tick(59_000_000);
            Assert.Equal(firstSaved, MavlinkSigningState.LoadTimestamp(path));
            state.Tick(60_000_000);
            Assert.Equal(signer.LastTimestamp, MavlinkSigningState.LoadTimestamp(path));
            writer.WriteV2(new Heartbeat(), buffer);
        }

        Assert.Equal(signer.LastTimestamp, MavlinkSigningState.LoadTimestamp(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    private byte[] Sign<T>(T message, byte linkId)
        where T : struct, IMavlinkMessage<T>
    {
        var writer = new MavlinkFrameWriter(1, 1, new MavlinkSigner(_key, linkId, _clock));
        var buffer = new byte[300];
        return buffer[..writer.WriteV2(message, buffer)];
    }

    private MavlinkParser Verifying(MavlinkSigningPolicy policy, out MavlinkSignatureVerifier verifier)
    {
        verifier = new MavlinkSignatureVerifier(_key, policy, _clock);
        return new MavlinkParser(CommonDialect.Instance, verifier);
    }
}

using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Tests.Support;
using StrategicTech.Drivers.Sensors.Ublox;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Sensors.Tests.Ublox;

public sealed class UbloxReceiverTests
{
    private static byte[] Capture() => File.ReadAllBytes(SharedData.PathOf("logs", "gps", "pygpsdata-MIXED.log"));

    private static (UbloxReceiver Receiver, List<GnssFix> Fixes) FeedCapture(int chunkSeed)
    {
        var receiver = new UbloxReceiver();
        var fixes = new List<GnssFix>();
        long t = 0;
        Chunks.Feed(Capture(), chunkSeed, chunk =>
        {
            receiver.Feed(chunk.Span, t += 1000);
            if (receiver.TryReadFix(out GnssFix fix))
            {
                fixes.Add(fix);
            }
        });
        return (receiver, fixes);
    }

    [Fact]
    public void Real_capture_yields_the_300_frames_and_message_counts_stated_in_source_md()
    {
        (UbloxReceiver r, _) = FeedCapture(1);

        Assert.Equal(300, r.Ubx.Frames);
        Assert.Equal(0, r.Ubx.ChecksumErrors);
        Assert.Equal(39, r.NavPvtCount);
        Assert.Equal(28, r.NavSatCount);
        Assert.Equal(17, r.NavDopCount);
        Assert.Equal(0, r.MalformedMessages);
        Assert.Equal(8, r.Nmea.OtherCount); // the $GNTXT sentences between the UBX frames
        Assert.Equal(0, r.Nmea.ChecksumErrors);
    }

    [Fact]
    public void Real_capture_fixes_are_3d_in_manchester_with_the_stated_heights_accuracies_and_satellites()
    {
        (UbloxReceiver r, List<GnssFix> fixes) = FeedCapture(2);

        Assert.Equal(39, fixes.Count); // one per NAV-PVT: chunks here never hold two
        foreach (GnssFix f in fixes)
        {
            Assert.Equal(GnssFixType.Fix3D, f.FixType);
            Assert.True(f.FixOk);
            Assert.InRange(f.SatellitesUsed, 13, 15); // SOURCE.md says 14-15; numSV decoded independently spans 13..15
            Assert.InRange(f.LatitudeDeg, 53.4502, 53.4512); // SOURCE.md: ~53.4507 N
            Assert.InRange(f.LongitudeDeg, -2.2408, -2.2398); // ~2.2403 W
            // SOURCE.md rounds these to "hMSL 27-31 m, hAcc 6.3-6.9 m"; the capture's extremes, decoded by an
            // independent script, are hMSL 26.157..31.208 m, height 74.640..79.691 m, hAcc 6.298..7.004 m.
            Assert.InRange(Millimetres(f.HeightMslM), 26_157, 31_208);
            Assert.InRange(Millimetres(f.HeightEllipsoidM), 74_640, 79_691);
            Assert.InRange(Millimetres(f.HorizontalAccuracyM), 6_298, 7_004);
            Assert.InRange(Millimetres(f.GroundSpeedMps), 0, 314); // SOURCE.md: "< 0.3 m/s"; the largest gSpeed in the capture is 314 mm/s
            Assert.True(f.HasUtc);
            Assert.Equal((2020, 10, 23, 11), (f.Year, f.Month, f.Day, f.Hour));
        }

        Assert.Equal(33, fixes[0].Minute);
        Assert.Equal(15.0, Math.Floor(fixes[0].Second));
        Assert.InRange(r.SatellitesTracked, 1, 64);
        Assert.True(r.SatellitesUsed <= r.SatellitesTracked);
        Assert.True(r.LatestDop.Position is > 0.5 and < 5.0);
    }

    [Fact]
    public void Capture_nav_sat_used_flags_and_nav_dop_agree_with_nav_pvt_of_the_same_epoch()
    {
        var parser = new UbxParser();
        var pvt = new Dictionary<uint, GnssFix>();
        var satUsed = new Dictionary<uint, int>();
        var pdop = new Dictionary<uint, double>();
        foreach (byte b in Capture())
        {
            if (!parser.Push(b) || parser.Class != UbxMessageId.ClassNav)
            {
                continue;
            }

            ReadOnlySpan<byte> p = parser.Payload;
            uint itow = UbxNavPvt.TimeOfWeekMs(p);
            if (parser.Id == UbxMessageId.NavPvt && UbxNavPvt.TryDecode(p, 0, out GnssFix fix))
            {
                pvt[itow] = fix;
            }
            else if (parser.Id == UbxMessageId.NavSat && UbxNavSat.TryGetCount(p, out int count))
            {
                int used = 0;
                for (int i = 0; i < count; i++)
                {
                    SatelliteInfo sv = UbxNavSat.Satellite(p, i);
                    Assert.InRange(sv.ElevationDeg, -90, 90);
                    Assert.InRange(sv.AzimuthDeg, 0, 360);
                    used += sv.UsedInSolution ? 1 : 0;
                }

                satUsed[itow] = used;
            }
            else if (parser.Id == UbxMessageId.NavDop && GnssDop.TryDecode(p, out GnssDop dop))
            {
                pdop[itow] = dop.Position;
            }
        }

        // Checked beforehand with an independent script: 28 NAV-SAT and 17 NAV-DOP share an iTOW with a NAV-PVT.
        Assert.Equal(28, satUsed.Keys.Count(pvt.ContainsKey));
        Assert.Equal(17, pdop.Keys.Count(pvt.ContainsKey));
        foreach ((uint itow, int used) in satUsed)
        {
            Assert.Equal(pvt[itow].SatellitesUsed, used);
        }

        foreach ((uint itow, double p) in pdop)
        {
            Assert.Equal(pvt[itow].PositionDop, p, 12);
        }
    }

    private static long Millimetres(double metres) => (long)Math.Round(metres * 1000.0);

    [Property(MaxTest = 50)]
    public void Capture_decodes_identically_in_any_chunking(int seed)
    {
        (UbloxReceiver a, _) = FeedCapture(seed);
        (UbloxReceiver b, _) = FeedCapture(seed + 1);
        Assert.Equal(a.Ubx.Frames, b.Ubx.Frames);
        Assert.Equal(a.NavPvtCount, b.NavPvtCount);
        Assert.Equal(a.LatestDop, b.LatestDop);
        Assert.Equal(a.SatellitesUsed, b.SatellitesUsed);
    }

    [Property(MaxTest = 300)]
    public void Nav_pvt_round_trips_through_the_test_encoder(int lonE7, int latE7, int heightMm, short velN, short velE, short velD, byte numSv)
    {
        byte[] frame = UbxTestEncoder.NavPvt(lonE7, latE7, heightMm, heightMm - 48_000, 1500, velN, velE, velD, 3, numSv);
        var r = new UbloxReceiver();
        r.Feed(frame, 42);

        Assert.True(r.TryReadFix(out GnssFix f));
        Assert.Equal(42, f.TimeUs);
        Assert.Equal(lonE7 * 1e-7, f.LongitudeDeg, 12);
        Assert.Equal(latE7 * 1e-7, f.LatitudeDeg, 12);
        Assert.Equal(heightMm * 1e-3, f.HeightEllipsoidM, 9);
        Assert.Equal((heightMm - 48_000) * 1e-3, f.HeightMslM, 9);
        Assert.Equal(velN * 1e-3, f.VelocityNedMps.X, 12);
        Assert.Equal(velE * 1e-3, f.VelocityNedMps.Y, 12);
        Assert.Equal(velD * 1e-3, f.VelocityNedMps.Z, 12);
        Assert.Equal(numSv, f.SatellitesUsed);
        Assert.Equal(1.5, f.HorizontalAccuracyM, 12);
        Assert.Equal(Math.PI / 2, f.CourseRad, 12);
        Assert.Equal(1.5, f.PositionDop, 12);
    }

    [Property(MaxTest = 200)]
    public void Random_bytes_never_throw_and_never_yield_more_frames_than_they_could_hold(byte[] bytes)
    {
        bytes ??= [];
        var r = new UbloxReceiver();
        r.Feed(bytes, 0);
        Assert.True(r.Ubx.Frames <= bytes.Length / 8);
    }

    [Fact]
    public void Corrupt_checksum_is_counted_and_the_next_frame_still_decodes()
    {
        byte[] good = UbxTestEncoder.NavPvt(10, 20, 30, 40, 1000, 0, 0, 0, 3, 12);
        byte[] bad = (byte[])good.Clone();
        bad[40] ^= 0x10;
        var r = new UbloxReceiver();
        r.Feed([.. bad, .. good], 0);

        Assert.Equal(1, r.Ubx.ChecksumErrors);
        Assert.Equal(1, r.Ubx.Frames);
        Assert.True(r.TryReadFix(out _));
    }

    [Fact]
    public void Truncated_frame_is_counted_and_frames_after_the_one_it_swallows_decode()
    {
        byte[] pvt = UbxTestEncoder.NavPvt(10, 20, 30, 40, 1000, 0, 0, 0, 3, 12);
        var r = new UbloxReceiver();
        // The truncated frame's length field (92) swallows the next frame's first bytes; that frame is lost too.
        r.Feed([.. pvt.AsSpan(0, 50), .. pvt, .. pvt, .. pvt], 0);

        Assert.Equal(1, r.Ubx.ChecksumErrors);
        Assert.Equal(2, r.NavPvtCount);
    }

    [Fact]
    public void Length_beyond_the_buffer_is_an_oversize_frame_not_an_allocation()
    {
        var r = new UbloxReceiver(maxPayloadBytes: 256);
        r.Feed([0xB5, 0x62, 0x01, 0x07, 0xFF, 0xFF, 1, 2, 3], 0);
        Assert.Equal(1, r.Ubx.OversizeFrames);
        r.Feed(UbxTestEncoder.NavPvt(1, 2, 3, 4, 5, 0, 0, 0, 3, 9), 1);
        Assert.Equal(1, r.NavPvtCount);
    }

    [Fact]
    public void Invalid_llh_flag_suppresses_the_fix()
    {
        var r = new UbloxReceiver();
        r.Feed(UbxTestEncoder.NavPvt(1, 2, 3, 4, 5, 0, 0, 0, 3, 9, invalidLlh: true), 0);
        Assert.Equal(1, r.NavPvtCount);
        Assert.False(r.TryReadFix(out _));
    }

    [Fact]
    public void Nav_sat_whose_count_disagrees_with_its_length_is_malformed()
    {
        var payload = new byte[8 + 24];
        payload[5] = 3; // claims 3 satellites, carries 2
        var r = new UbloxReceiver();
        r.Feed(UbxTestEncoder.Frame(0x01, 0x35, payload), 0);
        Assert.Equal(1, r.MalformedMessages);
        Assert.Equal(0, r.NavSatCount);
    }

    [Fact]
    public void Cfg_valset_frame_carries_version_layers_and_sized_key_values()
    {
        Span<byte> buffer = stackalloc byte[64];
        var valset = new UbxValset(buffer, UbxConfigLayers.Ram | UbxConfigLayers.BatteryBackedRam);
        valset.Add(UbxConfigKey.RateMeasMs, 100);
        valset.Add(UbxConfigKey.MsgOutNavPvtUart1, 1);
        valset.Add(UbxConfigKey.Uart1Baudrate, 115_200);
        int length = valset.Finish();

        byte[] expectedPayload =
        [
            0x00, 0x03, 0x00, 0x00,
            0x01, 0x00, 0x21, 0x30, 0x64, 0x00,
            0x07, 0x00, 0x91, 0x20, 0x01,
            0x01, 0x00, 0x52, 0x40, 0x00, 0xC2, 0x01, 0x00,
        ];
        Assert.Equal(UbxTestEncoder.Frame(0x06, 0x8A, expectedPayload), buffer[..length].ToArray());
    }

    [Fact]
    public void Ack_ack_and_ack_nak_settle_the_pending_configuration_only_for_its_class_and_id()
    {
        var r = new UbloxReceiver();
        r.ExpectAck(0x06, 0x8A);
        r.Feed(UbxTestEncoder.Frame(0x05, 0x01, [0x06, 0x01]), 0); // ACK for another message
        Assert.Equal(UbxAckState.Pending, r.AckState);
        r.Feed(UbxTestEncoder.Frame(0x05, 0x01, [0x06, 0x8A]), 1);
        Assert.Equal(UbxAckState.Acknowledged, r.AckState);

        r.ExpectAck(0x06, 0x8A);
        r.Feed(UbxTestEncoder.Frame(0x05, 0x00, [0x06, 0x8A]), 2);
        Assert.Equal(UbxAckState.NotAcknowledged, r.AckState);
    }

    [Fact]
    public void Feeding_the_capture_allocates_nothing()
    {
        byte[] capture = Capture();
        var r = new UbloxReceiver();
        Allocations.AssertZero(
            () =>
            {
                for (int i = 0; i < capture.Length; i += 512)
                {
                    r.Feed(capture.AsSpan(i, Math.Min(512, capture.Length - i)), i);
                    r.TryReadFix(out _);
                }
            },
            iterations: 3);
    }
}

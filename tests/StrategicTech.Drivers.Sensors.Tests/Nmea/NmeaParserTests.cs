using System.Text;
using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Nmea;
using StrategicTech.Drivers.Sensors.Tests.Support;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Sensors.Tests.Nmea;

public sealed class NmeaParserTests
{
    private static byte[] Haicom() => File.ReadAllBytes(SharedData.PathOf("logs", "gps", "haicom-305N.log"));

    private static (NmeaParser Parser, List<GnssFix> Fixes) FeedHaicom(int seed)
    {
        var parser = new NmeaParser();
        var fixes = new List<GnssFix>();
        long t = 0;
        Chunks.Feed(Haicom(), seed, chunk =>
        {
            foreach (byte b in chunk.Span)
            {
                if (parser.Push(b, t += 10) == NmeaSentenceType.Rmc && parser.TryReadFix(out GnssFix fix))
                {
                    fixes.Add(fix);
                }
            }
        });
        return (parser, fixes);
    }

    [Fact]
    public void Haicom_capture_has_the_sentence_counts_stated_in_source_md()
    {
        (NmeaParser p, _) = FeedHaicom(1);

        Assert.Equal(325, p.Sentences);
        Assert.Equal(74, p.RmcCount);
        Assert.Equal(73, p.GgaCount);
        Assert.Equal(73, p.VtgCount);
        Assert.Equal(26, p.GsaCount);
        Assert.Equal(79, p.GsvCount);
        Assert.Equal(0, p.ChecksumErrors + p.TruncatedSentences + p.MalformedSentences);
    }

    [Fact]
    public void Haicom_fixes_are_6_without_and_68_with_a_fix_near_27_21_s_153_05_e()
    {
        (NmeaParser p, List<GnssFix> fixes) = FeedHaicom(2);

        Assert.Equal(74, fixes.Count);
        Assert.Equal(6, fixes.Count(f => !f.FixOk));
        Assert.True(fixes.Take(6).All(f => !f.FixOk)); // the first six RMC are status V
        List<GnssFix> good = fixes.Where(f => f.FixOk).ToList();
        Assert.Equal(68, good.Count);
        foreach (GnssFix f in good)
        {
            Assert.InRange(f.LatitudeDeg, -27.215, -27.205);
            Assert.InRange(f.LongitudeDeg, 153.047, 153.057);
            Assert.True(f.HasUtc);
            Assert.Equal((2007, 4, 8), (f.Year, f.Month, f.Day));
            Assert.InRange(f.Hour * 60 + f.Minute, (9 * 60) + 52, (9 * 60) + 54);
        }

        // SOURCE.md: RMC speed up to 5.19 kn.
        Assert.Equal(5.19 * 1852.0 / 3600.0, good.Max(f => f.GroundSpeedMps), 9);
        Assert.True(p.SatellitesInView > 0);
        Assert.Contains(good, f => f.SatellitesUsed > 0 && f.FixType is GnssFixType.Fix2D or GnssFixType.Fix3D);
    }

    [Property(MaxTest = 30)]
    public void Haicom_decodes_identically_in_any_chunking(int seed)
    {
        (NmeaParser a, List<GnssFix> fa) = FeedHaicom(seed);
        (NmeaParser b, List<GnssFix> fb) = FeedHaicom(seed ^ 0x5555);
        Assert.Equal(a.Sentences, b.Sentences);
        Assert.Equal(fa.Select(f => (f.LatitudeDeg, f.LongitudeDeg, f.GroundSpeedMps)), fb.Select(f => (f.LatitudeDeg, f.LongitudeDeg, f.GroundSpeedMps)));
    }

    [Property(MaxTest = 300)]
    public void Gga_gsa_rmc_epoch_round_trips_position_altitude_and_speed(int latMicro, int lonMicro, short altDm, byte speedDkn, byte satellites)
    {
        double lat = (latMicro % 89_000_000) * 1e-6;
        double lon = (lonMicro % 179_000_000) * 1e-6;
        double alt = altDm / 10.0;
        double speedKn = speedDkn / 10.0;
        var p = new NmeaParser();
        foreach (byte b in NmeaTestEncoder.Epoch(lat, lon, alt, speedKn, satellites % 40))
        {
            p.Push(b, 5);
        }

        Assert.True(p.TryReadFix(out GnssFix f));
        // Four decimals of minutes: 1e-4 / 60 ° ≈ 1.7e-6 °; rounding halves it.
        Assert.Equal(lat, f.LatitudeDeg, 1e-6);
        Assert.Equal(lon, f.LongitudeDeg, 1e-6);
        Assert.Equal(alt, f.HeightMslM, 9);
        Assert.Equal(alt + 47.0, f.HeightEllipsoidM, 9);
        Assert.Equal(speedKn * 1852.0 / 3600.0, f.GroundSpeedMps, 9);
        Assert.Equal(Math.PI / 4, f.CourseRad, 12);
        Assert.Equal(satellites % 40, f.SatellitesUsed);
        Assert.Equal(GnssFixType.Fix3D, f.FixType);
        Assert.Equal(1.6, f.PositionDop, 12);
        Assert.Equal((2026, 12, 6), (f.Year, f.Month, f.Day));
    }

    [Property(MaxTest = 200)]
    public void Random_bytes_never_throw(byte[] bytes)
    {
        var p = new NmeaParser();
        foreach (byte b in bytes ?? [])
        {
            p.Push(b, 0);
        }

        Assert.True(p.Sentences >= 0);
    }

    [Fact]
    public void Corrupt_checksum_and_truncated_sentence_are_counted_and_skipped()
    {
        string good = NmeaTestEncoder.Sentence("GPVTG,054.7,T,034.4,M,005.5,N,010.2,K,A");
        string corrupt = good.Replace("054.7", "055.7", StringComparison.Ordinal);
        string truncated = good[..20];
        var p = new NmeaParser();
        foreach (byte b in Encoding.ASCII.GetBytes(corrupt + truncated + good + "$GPGGA,no checksum\r\n"))
        {
            p.Push(b, 0);
        }

        Assert.Equal(2, p.ChecksumErrors); // the corrupt one and the one without '*hh'
        Assert.Equal(1, p.TruncatedSentences); // cut by the next '$'
        Assert.Equal(1, p.VtgCount);
    }

    [Fact]
    public void Overlong_line_is_truncated_not_buffered()
    {
        var p = new NmeaParser();
        foreach (byte b in Encoding.ASCII.GetBytes("$GPGGA," + new string('1', 500) + "\r\n"))
        {
            p.Push(b, 0);
        }

        Assert.Equal(1, p.TruncatedSentences);
        Assert.Equal(0, p.Sentences);
    }

    [Fact]
    public void Parsing_the_capture_allocates_nothing()
    {
        byte[] log = Haicom();
        var p = new NmeaParser();
        Allocations.AssertZero(
            () =>
            {
                foreach (byte b in log)
                {
                    p.Push(b, 0);
                }

                p.TryReadFix(out _);
            },
            iterations: 3);
    }
}

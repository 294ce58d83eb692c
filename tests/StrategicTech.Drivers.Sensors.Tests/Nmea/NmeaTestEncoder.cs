using System.Globalization;
using System.Text;

namespace StrategicTech.Drivers.Sensors.Tests.Nmea;

/// <summary>Test-side NMEA writer: a sentence body gets '$', the XOR checksum and CR LF.</summary>
internal static class NmeaTestEncoder
{
    public static string Sentence(string body)
    {
        byte x = 0;
        foreach (char c in body)
        {
            x ^= (byte)c;
        }

        return "$" + body + "*" + x.ToString("X2", CultureInfo.InvariantCulture) + "\r\n";
    }

    public static string Angle(double degrees, int degreeDigits, char positive, char negative)
    {
        double a = Math.Abs(degrees);
        int whole = (int)Math.Floor(a);
        double minutes = Math.Round((a - whole) * 60.0, 4);
        if (minutes >= 60.0)
        {
            whole++;
            minutes = 0;
        }

        string d = whole.ToString(CultureInfo.InvariantCulture).PadLeft(degreeDigits, '0');
        string m = minutes.ToString("00.0000", CultureInfo.InvariantCulture);
        return d + m + "," + (degrees < 0 ? negative : positive);
    }

    public static byte[] Epoch(double latDeg, double lonDeg, double altM, double speedKn, int satellites)
    {
        string lat = Angle(latDeg, 2, 'N', 'S');
        string lon = Angle(lonDeg, 3, 'E', 'W');
        string alt = altM.ToString("0.0", CultureInfo.InvariantCulture);
        string speed = speedKn.ToString("0.00", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.Append(Sentence($"GNGGA,120000.00,{lat},{lon},1,{satellites:00},0.9,{alt},M,47.0,M,,"));
        s.Append(Sentence("GNGSA,A,3,01,02,03,04,,,,,,,,,1.6,0.9,1.3"));
        s.Append(Sentence($"GNRMC,120000.00,A,{lat},{lon},{speed},45.0,061226,,,A"));
        return Encoding.ASCII.GetBytes(s.ToString());
    }
}

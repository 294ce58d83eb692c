using System.Buffers.Text;

namespace StrategicTech.Drivers.Sensors.Nmea;

/// <summary>Walks the comma-separated fields of one sentence body without allocating.</summary>
internal ref struct NmeaFields
{
    private ReadOnlySpan<byte> _rest;
    private bool _done;

    public NmeaFields(ReadOnlySpan<byte> body)
    {
        _rest = body;
        _done = false;
    }

    /// <summary>The next field (possibly empty); false after the last one.</summary>
    public bool Next(out ReadOnlySpan<byte> field)
    {
        if (_done)
        {
            field = default;
            return false;
        }

        int comma = _rest.IndexOf((byte)',');
        if (comma < 0)
        {
            field = _rest;
            _done = true;
            return true;
        }

        field = _rest[..comma];
        _rest = _rest[(comma + 1)..];
        return true;
    }

    /// <summary>The next field, or empty when the sentence ended early.</summary>
    public ReadOnlySpan<byte> Take() => Next(out ReadOnlySpan<byte> f) ? f : default;

    public static bool TryDouble(ReadOnlySpan<byte> field, out double value) =>
        Utf8Parser.TryParse(field, out value, out int used) && used == field.Length && !field.IsEmpty;

    public static bool TryInt(ReadOnlySpan<byte> field, out int value) =>
        Utf8Parser.TryParse(field, out value, out int used) && used == field.Length && !field.IsEmpty;

    /// <summary>ddmm.mmmm (or dddmm.mmmm) with its hemisphere letter, to signed degrees.</summary>
    public static bool TryAngle(ReadOnlySpan<byte> value, ReadOnlySpan<byte> hemisphere, out double degrees)
    {
        degrees = 0;
        if (!TryDouble(value, out double raw) || hemisphere.Length != 1)
        {
            return false;
        }

        double whole = Math.Floor(raw / 100.0);
        double minutes = raw - (whole * 100.0);
        if (minutes >= 60.0 || raw < 0)
        {
            return false;
        }

        degrees = whole + (minutes / 60.0);
        switch (hemisphere[0])
        {
            case (byte)'S' or (byte)'W':
                degrees = -degrees;
                return true;
            case (byte)'N' or (byte)'E':
                return true;
            default:
                return false;
        }
    }

    /// <summary>hhmmss(.sss) to hours, minutes, seconds.</summary>
    public static bool TryTime(ReadOnlySpan<byte> field, out int hour, out int minute, out double second)
    {
        hour = minute = 0;
        second = 0;
        if (field.Length < 6 || !TryInt(field[..2], out hour) || !TryInt(field[2..4], out minute)
            || !TryDouble(field[4..], out second))
        {
            return false;
        }

        return hour < 24 && minute < 60 && second < 61;
    }

    /// <summary>ddmmyy to a calendar date (two-digit years 80..99 are 19xx, as NMEA receivers of that era meant).</summary>
    public static bool TryDate(ReadOnlySpan<byte> field, out int year, out int month, out int day)
    {
        year = month = day = 0;
        if (field.Length != 6 || !TryInt(field[..2], out day) || !TryInt(field[2..4], out month) || !TryInt(field[4..], out int yy))
        {
            return false;
        }

        year = yy >= 80 ? 1900 + yy : 2000 + yy;
        return day is >= 1 and <= 31 && month is >= 1 and <= 12;
    }
}

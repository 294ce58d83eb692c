using System.Globalization;

namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// A greyscale Netpbm image: binary P5 or ASCII P2, maxval 1..65535 (two bytes per sample, big-endian, above 255),
/// '#' comments in the header. Samples are row-major with row 0 at the top of the image.
/// </summary>
public sealed class PgmImage
{
    private readonly ushort[] _samples;

    private PgmImage(int width, int height, int maxValue, ushort[] samples)
    {
        Width = width;
        Height = height;
        MaxValue = maxValue;
        _samples = samples;
    }

    public int Width { get; }

    public int Height { get; }

    public int MaxValue { get; }

    /// <summary>Row-major samples, row 0 = top row.</summary>
    public ReadOnlySpan<ushort> Samples => _samples;

    public ushort this[int column, int row] => _samples[(row * Width) + column];

    public static PgmImage Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new MapFormatException($"{Path.GetFileName(path)}: cannot read: {e.Message}", e) { FileName = path };
        }

        return Parse(bytes, path);
    }

    public static PgmImage Parse(ReadOnlySpan<byte> bytes, string fileName)
    {
        int pos = 0;
        if (bytes.Length < 2 || bytes[0] != 'P' || (bytes[1] != '5' && bytes[1] != '2'))
        {
            throw MapFormatException.At(fileName, 0, "magic", "expected 'P5' (binary) or 'P2' (ASCII) greyscale PGM");
        }

        bool ascii = bytes[1] == '2';
        pos = 2;
        int width = HeaderNumber(bytes, ref pos, fileName, "width");
        int height = HeaderNumber(bytes, ref pos, fileName, "height");
        int maxValue = HeaderNumber(bytes, ref pos, fileName, "maxval");
        if (width <= 0 || height <= 0 || (long)width * height > int.MaxValue / 4)
        {
            throw MapFormatException.At(fileName, 0, "width/height", $"invalid image size {width}x{height}");
        }

        if (maxValue is < 1 or > 65535)
        {
            throw MapFormatException.At(fileName, 0, "maxval", $"expected 1..65535, got {maxValue}");
        }

        // Size the raster from the bytes present before allocating: a 19-byte header can claim gigabytes.
        int count = checked(width * height);
        long remaining = bytes.Length - pos;
        if (ascii)
        {
            // Every ASCII sample takes at least one digit and one separator (the last needs no separator).
            long minimum = checked((2L * count) - 1);
            if (remaining < minimum)
            {
                throw MapFormatException.At(fileName, 0, "raster",
                    string.Create(CultureInfo.InvariantCulture, $"{width}x{height} ASCII samples need at least {minimum} bytes, got {remaining}"));
            }

            var samples = new ushort[count];
            for (int i = 0; i < samples.Length; i++)
            {
                int v = HeaderNumber(bytes, ref pos, fileName, "pixel");
                if (v > maxValue)
                {
                    throw MapFormatException.At(fileName, 0, "pixel", $"sample {i} is {v}, above maxval {maxValue}");
                }

                samples[i] = (ushort)v;
            }

            return new PgmImage(width, height, maxValue, samples);
        }

        // Exactly one whitespace byte separates maxval from the raster.
        if (pos >= bytes.Length || !IsSpace(bytes[pos]))
        {
            throw MapFormatException.At(fileName, 0, "raster", "missing whitespace after maxval");
        }

        pos++;
        int bytesPerSample = maxValue > 255 ? 2 : 1;
        long needed = checked((long)count * bytesPerSample);
        if (bytes.Length - pos < needed)
        {
            throw MapFormatException.At(fileName, 0, "raster", $"expected {needed} bytes for {width}x{height}, got {bytes.Length - pos}");
        }

        var raw = new ushort[count];
        ReadOnlySpan<byte> raster = bytes.Slice(pos);
        for (int i = 0; i < raw.Length; i++)
        {
            ushort v = bytesPerSample == 1 ? raster[i] : (ushort)((raster[2 * i] << 8) | raster[(2 * i) + 1]);
            if (v > maxValue)
            {
                throw MapFormatException.At(fileName, 0, "pixel", $"sample {i} is {v}, above maxval {maxValue}");
            }

            raw[i] = v;
        }

        return new PgmImage(width, height, maxValue, raw);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    private static int HeaderNumber(ReadOnlySpan<byte> bytes, ref int pos, string fileName, string field)
    {
        while (pos < bytes.Length)
        {
            if (IsSpace(bytes[pos]))
            {
                pos++;
            }
            else if (bytes[pos] == '#')
            {
                while (pos < bytes.Length && bytes[pos] != '\n' && bytes[pos] != '\r')
                {
                    pos++;
                }
            }
            else
            {
                break;
            }
        }

        int start = pos;
        long value = 0;
        while (pos < bytes.Length && bytes[pos] >= '0' && bytes[pos] <= '9' && pos - start < 10)
        {
            value = (value * 10) + (bytes[pos] - '0');
            pos++;
        }

        if (pos == start || value > int.MaxValue || (pos < bytes.Length && !IsSpace(bytes[pos]) && bytes[pos] != '#'))
        {
            string got = pos < bytes.Length ? ((char)bytes[pos]).ToString() : "end of file";
            throw MapFormatException.At(fileName, 0, field, string.Create(CultureInfo.InvariantCulture, $"expected a decimal number, got '{got}'"));
        }

        return (int)value;
    }
}

namespace StrategicTech.Navigation.Logs;

/// <summary>
/// Reads PX4 ULog files (https://docs.px4.io/main/en/dev_log/ulog_file_format.html). Malformed headers and
/// definitions throw <see cref="ULogFormatException"/> naming the offset and message type; damage in the data
/// section follows <see cref="ULogReadOptions.Strict"/>. Reading is not a real-time path (it builds the object model).
/// </summary>
public static class ULogReader
{
    /// <summary>The 7 magic bytes at the start of every ULog file: "ULog" 0x01 0x12 0x35.</summary>
    public static ReadOnlySpan<byte> Magic => "ULog\x01\x12\x35"u8;

    /// <summary>Payload of a sync message ('S').</summary>
    public static ReadOnlySpan<byte> SyncMagic => [0x2F, 0x73, 0x13, 0x20, 0x25, 0x0C, 0xBB, 0x12];

    public static ULogFile Read(ReadOnlySpan<byte> data, ULogReadOptions? options = null)
    {
        var parser = new ULogParser(data, options ?? ULogReadOptions.Default);
        return parser.Parse();
    }

    public static ULogFile Read(Stream stream, ULogReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
    }

    public static ULogFile ReadFile(string path, ULogReadOptions? options = null) => Read(File.ReadAllBytes(path), options);
}

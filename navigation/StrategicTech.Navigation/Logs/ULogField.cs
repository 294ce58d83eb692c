namespace StrategicTech.Navigation.Logs;

/// <summary>
/// One readable leaf of a topic's sample after flattening nested formats and numeric arrays: "x",
/// "gyro_rad[1]", "esc[3].esc_rpm". A char array stays one string leaf.
/// </summary>
/// <param name="Name">Flattened path.</param>
/// <param name="BaseType">Base type of the leaf.</param>
/// <param name="OffsetBytes">Byte offset inside one sample.</param>
/// <param name="StringLength">For a char array, its length in bytes; 0 for numeric leaves.</param>
public sealed record ULogField(string Name, ULogBaseType BaseType, int OffsetBytes, int StringLength)
{
    public bool IsString => StringLength > 0;

    /// <summary>Size of the leaf in bytes.</summary>
    public int SizeBytes => IsString ? StringLength : ULogTypes.SizeOf(BaseType);

    public string TypeName => IsString ? $"char[{StringLength}]" : ULogTypes.NameOf(BaseType);
}

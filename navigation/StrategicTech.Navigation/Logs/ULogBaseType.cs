namespace StrategicTech.Navigation.Logs;

/// <summary>The C base types a ULog field can have; <see cref="Nested"/> is a field whose type is another format.</summary>
public enum ULogBaseType : byte
{
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float,
    Double,
    Bool,
    Char,
    Nested,
}

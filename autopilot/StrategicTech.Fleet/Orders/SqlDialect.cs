using System.Data.Common;

namespace StrategicTech.Fleet.Orders;

/// <summary>
/// What one SQL engine does differently for the order table: how a connection is opened and set up, the table's
/// name, the column types of times and of the acceptance sequence, how the sequence is assigned on insert, how a
/// parameter is written in SQL, and how times are bound and read. Everything else (statements, binding, row
/// mapping) is shared by <see cref="SqlFleetStore"/>.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The order table (the name each store has always used, so existing databases open unchanged).</summary>
    public abstract string Table { get; }

    /// <summary>Column type of the time columns.</summary>
    public abstract string TimeType { get; }

    /// <summary>Definition of the <c>sequence</c> column (type, constraints, engine-assigned or not).</summary>
    public abstract string SequenceColumn { get; }

    /// <summary>SQL expression for the next sequence number on insert, or null when the engine assigns it (identity column).</summary>
    public abstract string? NextSequence { get; }

    /// <summary>Statements run once on the writer's connection before the schema (durability settings), or null.</summary>
    public abstract string? WriterSetup { get; }

    /// <summary>A new, opened connection.</summary>
    public abstract DbConnection Open();

    /// <summary>A named parameter as written in SQL, and as the parameter's name (<c>$id</c>, <c>@id</c>).</summary>
    public abstract string Parameter(string name);

    /// <summary>A time as the engine stores it; <see cref="DBNull.Value"/> for none.</summary>
    public abstract object TimeValue(DateTimeOffset? time);

    /// <summary>A non-null time column of a row.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader row, int ordinal);
}

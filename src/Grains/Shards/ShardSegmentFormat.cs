using System.Buffers;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace RadiologyNet.Grains.Shards;

/// <summary>
/// The bytes of a sealed shard segment: one Arrow IPC stream holding one record batch, the vectors as a
/// <c>FixedSizeList&lt;float&gt;</c> column (one contiguous float buffer) beside a UTF-8 column per string field and a
/// boolean column for <see cref="ShardBlock.HasReport"/>. Readable by any Arrow implementation (pyarrow: <c>ipc.open_stream</c>).
/// </summary>
public static class ShardSegmentFormat
{
    private const string VersionKey = "radnet.segment";
    private const string Version = "1";
    private const string VectorColumn = "vector";
    private static readonly string[] StringColumns = ["sop_instance_uid", "study_instance_uid", "modality", "region", "manufacturer"];
    private const string ReportColumn = "has_report";

    /// <summary>The rows of <paramref name="block"/> as a segment.</summary>
    public static byte[] Encode(ShardBlock block)
    {
        var rows = block.Rows;
        var d = block.Dimension;
        var vectorType = VectorType(d);
        var values = MemoryMarshal.AsBytes(block.Vectors.Span[..(rows * d)]).ToArray();
        var vectors = new FixedSizeListArray(vectorType, rows, new FloatArray(new ArrowBuffer(values), ArrowBuffer.Empty, rows * d, 0, 0), ArrowBuffer.Empty, 0);
        var reports = new BooleanArray.Builder().Reserve(rows);
        for (var i = 0; i < rows; i++) reports.Append(block.HasReport[i]);
        var columns = new List<IArrowArray> { vectors };
        columns.AddRange(StringFields(block).Select(field => new StringArray.Builder().AppendRange(field.Take(rows)).Build()));
        columns.Add(reports.Build());

        var schema = Schema(vectorType);
        var buffer = new MemoryStream(rows * (d * sizeof(float) + 128) + 1024);
        // Disposed only after the write: the writer copies the bodies after its last use of the batch, and a batch unreachable
        // by then may have its native buffers freed by their finalizers mid-copy (apache/arrow-dotnet#397; seen as a
        // NullReferenceException in MemoryStream.Write about once in 150 seals of 1,024 rows in a Release build).
        using var batch = new RecordBatch(schema, columns, rows);
        using (var writer = new ArrowStreamWriter(buffer, schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        return buffer.ToArray();
    }

    /// <summary>Reads a segment as a block whose first row is shard row <paramref name="firstRow"/>; the vectors are copied once, in bulk.</summary>
    public static async Task<ShardBlock> ReadAsync(Stream segment, long firstRow, CancellationToken cancellationToken = default) =>
        (await ReadAsync(segment, firstRow, pooled: false, cancellationToken)).Block;

    /// <summary>
    /// Reads a segment as <see cref="ReadAsync(Stream, long, CancellationToken)"/> does, but with its vectors in an array rented
    /// from <see cref="ArrayPool{T}.Shared"/> when <paramref name="pooled"/> (returned as <c>Rented</c>): a scan that hands it
    /// back once past the block allocates no segment-sized array per segment, which would otherwise churn the large-object
    /// heap by the whole shard's size on every pass.
    /// </summary>
    public static async Task<(ShardBlock Block, float[]? Rented)> ReadAsync(Stream segment, long firstRow, bool pooled, CancellationToken cancellationToken = default)
    {
        using var batch = await ReadBatchAsync(segment, cancellationToken);
        var rows = batch.Length;
        var vectors = (FixedSizeListArray)batch.Column(VectorColumn);
        var d = ((FixedSizeListType)vectors.Data.DataType).ListSize;
        var strings = StringColumns.Select(name => Strings(batch, name)).ToArray();
        var reports = (BooleanArray)batch.Column(ReportColumn);
        var hasReport = new bool[rows];
        for (var i = 0; i < rows; i++) hasReport[i] = reports.GetValue(i) ?? false;
        var values = ((FloatArray)vectors.Values).Values.Slice(vectors.Offset * d, rows * d);
        var rented = pooled ? ArrayPool<float>.Shared.Rent(values.Length) : null;
        if (rented is not null) values.CopyTo(rented);
        return (new ShardBlock
        {
            FirstRow = firstRow,
            Rows = rows,
            Dimension = d,
            Vectors = rented is null ? values.ToArray() : rented.AsMemory(0, values.Length),
            SopInstanceUids = strings[0],
            StudyInstanceUids = strings[1],
            Modalities = strings[2],
            Regions = strings[3],
            Manufacturers = strings[4],
            HasReport = hasReport,
        }, rented);
    }

    /// <summary>The SOPInstanceUIDs of a segment's rows, in order, and its vectors' length, without materialising the vectors.</summary>
    public static async Task<(string[] SopInstanceUids, int Dimension)> ReadSopInstanceUidsAsync(Stream segment, CancellationToken cancellationToken = default)
    {
        using var batch = await ReadBatchAsync(segment, cancellationToken);
        return (Strings(batch, StringColumns[0]), ((FixedSizeListType)batch.Column(VectorColumn).Data.DataType).ListSize);
    }

    private static async Task<RecordBatch> ReadBatchAsync(Stream segment, CancellationToken cancellationToken)
    {
        using var reader = new ArrowStreamReader(segment, leaveOpen: true);
        var batch = await reader.ReadNextRecordBatchAsync(cancellationToken) ?? throw new InvalidDataException("the shard segment holds no record batch");
        var schema = batch.Schema;
        if (schema.Metadata is null || !schema.Metadata.TryGetValue(VersionKey, out var version) || version != Version ||
            schema.GetFieldByName(VectorColumn)?.DataType is not FixedSizeListType { ValueDataType: FloatType })
        {
            batch.Dispose();
            throw new InvalidDataException($"not a shard segment of format {Version}");
        }
        return batch;
    }

    private static string[] Strings(RecordBatch batch, string column)
    {
        var array = (StringArray)batch.Column(column);
        var values = new string[batch.Length];
        for (var i = 0; i < values.Length; i++) values[i] = array.GetString(i) ?? "";
        return values;
    }

    private static string[][] StringFields(ShardBlock block) =>
        [block.SopInstanceUids, block.StudyInstanceUids, block.Modalities, block.Regions, block.Manufacturers];

    private static FixedSizeListType VectorType(int dimension) => new(new Field("value", FloatType.Default, nullable: false), dimension);

    private static Schema Schema(FixedSizeListType vectorType)
    {
        var schema = new Schema.Builder().Field(new Field(VectorColumn, vectorType, nullable: false));
        foreach (var name in StringColumns) schema.Field(new Field(name, StringType.Default, nullable: false));
        return schema.Field(new Field(ReportColumn, BooleanType.Default, nullable: false)).Metadata(VersionKey, Version).Build();
    }
}

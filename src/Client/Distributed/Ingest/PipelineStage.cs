using System.Threading.Channels;

namespace RadiologyNet.Client.Distributed.Ingest;

/// <summary>
/// One stage of a channel pipeline: <c>workers</c> copies of a loop; when they are all done the stage's output channel is
/// completed (with the error, if one failed), and a failure cancels the whole pipeline so no other stage waits forever
/// on a full or empty channel.
/// </summary>
public static class PipelineStage
{
    /// <summary>Runs the stage; <paramref name="output"/> (may be null for the last stage) is completed when it ends.</summary>
    public static async Task RunAsync<TOut>(int workers, Func<CancellationToken, Task> loop, ChannelWriter<TOut>? output, CancellationTokenSource pipeline)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => loop(pipeline.Token))));
            output?.TryComplete();
        }
        catch (Exception e)
        {
            output?.TryComplete(e);
            await pipeline.CancelAsync();
            throw;
        }
    }

    /// <summary>
    /// The next batch: waits for one item, then takes what arrives within <paramref name="linger"/>, up to
    /// <paramref name="max"/>; null once the channel is completed and empty.
    /// </summary>
    public static async Task<List<T>?> NextBatchAsync<T>(this ChannelReader<T> reader, int max, TimeSpan linger, CancellationToken cancellationToken)
    {
        if (!await reader.WaitToReadAsync(cancellationToken)) return null;
        var batch = new List<T>(max);
        using var lingering = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lingering.CancelAfter(linger);
        while (batch.Count < max)
        {
            while (batch.Count < max && reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count >= max) break;
            try
            {
                if (!await reader.WaitToReadAsync(lingering.Token)) break;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        return batch;
    }
}

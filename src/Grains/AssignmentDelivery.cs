using Microsoft.Extensions.Logging;

namespace RadiologyNet.Grains;

/// <summary>
/// Delivers a model-wide pass's assignments to their study grains, one call per study, and retries each study that
/// fails (its silo died, a call timed out) with exponential backoff until it acknowledges or the deadline
/// (<see cref="AnnotationOptions.AssignmentDeliverySeconds"/>) passes. <see cref="IStudyGrain.ApplyAssignments"/> is idempotent by model version, so a repeat is harmless.
/// </summary>
public static class AssignmentDelivery
{
    /// <summary>The first retry's delay; each further retry waits twice as long, up to <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts at one study.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Delivers every assignment; <paramref name="acknowledged"/> is told how many each study took. True when every
    /// study acknowledged, false when one was still failing after <paramref name="deadline"/> (a later pass delivers it).
    /// </summary>
    public static async Task<bool> DeliverAsync(IGrainFactory grains, IEnumerable<(Assignment Assignment, string Study)> assignments,
        TimeSpan deadline, Action<int> acknowledged, ILogger logger)
    {
        var delivered = await Task.WhenAll(assignments.GroupBy(a => a.Study, StringComparer.Ordinal)
            .Select(g => DeliverToStudy(grains.GetGrain<IStudyGrain>(g.Key), g.Select(x => x.Assignment).ToList(), deadline, acknowledged)));
        var failed = delivered.Count(ok => !ok);
        if (failed > 0) logger.LogWarning("{Failed} studies did not acknowledge their assignments within {Deadline}; a later pass delivers them", failed, deadline);
        return failed == 0;
    }

    private static async Task<bool> DeliverToStudy(IStudyGrain study, List<Assignment> assignments, TimeSpan deadline, Action<int> acknowledged)
    {
        var giveUp = DateTime.UtcNow + deadline;
        var backoff = FirstBackoff;
        while (true)
        {
            try
            {
                await study.ApplyAssignments(assignments);
                acknowledged(assignments.Count);
                return true;
            }
            catch (Exception) when (DateTime.UtcNow + backoff < giveUp)
            {
                await Task.Delay(backoff);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}

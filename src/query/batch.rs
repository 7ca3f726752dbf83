//! A plan's selected rows and their assessment in parallel batches.
//!
//! Rows are assessed a batch at a time on the thread pool and handed to
//! the caller in row order, so output can stream: memory holds a few
//! batches whatever the number of series, and the order (so the bytes) of
//! the output does not depend on the thread count.

use rayon::prelude::*;

use crate::actuals::Actuals;
use crate::engine::{Assessment, Context, Status, Unit};
use crate::period::Period;
use crate::plan::Plan;
use crate::view::PlanView;

/// Rows assessed at a time: memory for rows stays bounded while the
/// threads have enough to share.
const BATCH: usize = 1024;

/// One plan's selected rows, not yet assessed: [`Selected::batches`]
/// assesses them in parallel, a batch at a time, in order.
pub struct Selected<'w> {
    pub plan: &'w Plan,
    pub actuals: &'w Actuals,
    /// `None` for a plan without any data.
    pub as_of: Option<Period>,
    ctx: Context<'w>,
    units: Vec<Unit>,
    statuses: Vec<Status>,
}

impl<'w> Selected<'w> {
    pub(super) fn new(
        plan: &'w Plan,
        actuals: &'w Actuals,
        as_of: Option<Period>,
        ctx: Context<'w>,
        units: Vec<Unit>,
        statuses: Vec<Status>,
    ) -> Selected<'w> {
        Selected {
            plan,
            actuals,
            as_of,
            ctx,
            units,
            statuses,
        }
    }

    /// How many rows before the status filter.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The assessment context of the rows (show assesses past periods of
    /// the same series with it).
    pub fn context(&self) -> &Context<'w> {
        &self.ctx
    }

    /// Assess the rows batch by batch (in parallel), give each batch to
    /// `map` (in parallel too), and the results to `sink` in row order.
    ///
    /// Rounds of batches are computed on the thread pool while this thread
    /// hands the previous round to `sink` (which need not be `Send`: it
    /// writes to stdout), so writing never holds the computing up; at most
    /// two rounds are in memory.
    pub fn batches<T: Send, E>(
        &self,
        map: impl Fn(Vec<Assessment>) -> T + Sync,
        mut sink: impl FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        let per_round = BATCH * rayon::current_num_threads().max(1) * 8;
        let assess = |units: &[Unit]| {
            let mut rows: Vec<Assessment> = units.iter().map(|u| self.ctx.assess_unit(u)).collect();
            if !self.statuses.is_empty() {
                rows.retain(|a| self.statuses.contains(&a.status));
            }
            map(rows)
        };
        if self.units.len() <= BATCH {
            // One batch: no thread to start.
            return sink(assess(&self.units));
        }
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<T>>(1);
            let assess = &assess;
            scope.spawn(move || {
                for round in self.units.chunks(per_round) {
                    let done: Vec<T> = round.par_chunks(BATCH).map(assess).collect();
                    if tx.send(done).is_err() {
                        break; // the sink failed: stop
                    }
                }
            });
            for done in rx {
                for t in done {
                    sink(t)?;
                }
            }
            Ok(())
        })
    }

    /// Every row, assessed.
    pub fn assessed(&self) -> Vec<Assessment> {
        let mut rows = Vec::with_capacity(self.units.len());
        let _ = self.batches(
            |b| b,
            |b| {
                rows.extend(b);
                Ok::<(), ()>(())
            },
        );
        rows
    }

    /// Every row, assessed, with its plan.
    pub fn view(self) -> PlanView<'w> {
        PlanView {
            rows: self.assessed(),
            plan: self.plan,
            actuals: self.actuals,
            as_of: self.as_of,
        }
    }

    /// A row's series assessed as of each of its points' periods, in
    /// order (`a` must have been assessed with its points).
    pub fn history(&self, a: &Assessment) -> Vec<Assessment> {
        let series = self
            .actuals
            .series_named(a.indicator, &a.region, &a.breakdown);
        (a.points.iter())
            .map(|&(period, _)| {
                let ctx = Context {
                    as_of: period,
                    keep_points: false,
                    ..self.ctx
                };
                ctx.assess(a.indicator, series)
            })
            .collect()
    }
}

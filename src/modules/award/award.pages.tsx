import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../messages.ts';
import { setFlash } from '../../platform/http/context.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { findService } from '../catalog/public.ts';
import { allAgencies, findUser } from '../identity/public.ts';
import * as attachments from './attachments.ts';
import { AWARD_ROLES, awardPolicy, OFFICE_ROLES } from './award.policy.ts';
import * as repo from './award.repo.ts';
import * as award from './award.service.ts';
import * as decisions from './decisions.service.ts';
import { discussionOf, postToDiscussion } from './discussion.service.ts';
import { exportEdition } from './export.ts';
import * as judging from './judging.service.ts';
import * as questions from './questions.ts';
import { BranchFormPage, CycleFormPage, CyclePage, CyclesPage } from './views/cycles.views.tsx';
import { JudgingPage, PanelPage } from './views/judging.views.tsx';
import { NominationFormPage, NominationPage, NominationsPage } from './views/nominations.views.tsx';
import { ResultsPage } from './views/results.views.tsx';

// The console pages of the award: editions and branches, nominations, screening, the panel with
// conflicts and assignment, judges' reviews, and decisions.

type Values = Record<string, unknown>;
type Errors = Parameters<typeof CyclePage>[0]['errors'];

export async function awardPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = { config: { access: { roles: AWARD_ROLES } } };
  const admin = { config: { access: { roles: ['program_admin'] as const } } };
  const office = { config: { access: { roles: OFFICE_ROLES } } };
  const judges = { config: { access: { roles: ['judge'] as const } } };
  const officeOrJudge = { config: { access: { roles: [...OFFICE_ROLES, 'judge'] as const } } };
  const nominators = { config: { access: { roles: ['agency_admin'] as const } } };
  const agencyMap = async () => new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  const redirect = (req: FastifyRequest, reply: FastifyReply, to: string, flash: MessageKey) => {
    setFlash(req, reply, flash);
    return reply.redirect(`/${req.lang}${to}`, 303);
  };

  app.get('/console/award', everyone, async (req, reply) => {
    const now = new Date();
    const cycles = (await award.listCycles(deps)).map((cycle) => ({ cycle, phase: award.phaseOf(cycle, now) }));
    return sendPage(req, reply, <CyclesPage cycles={cycles} canAdminister={awardPolicy.administer(req.actor)} />);
  });

  app.get('/console/award/new', admin, async (req, reply) =>
    sendPage(req, reply, <CycleFormPage values={{ judges_per_nomination: '3' }} />),
  );
  app.post('/console/award/new', admin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/award/${(await award.createCycle(deps, req.ctx, values)).id}`,
      flash: 'award.flash.created',
      rerender: (errors) => <CycleFormPage values={values} errors={errors} />,
    });
  });

  app.get('/console/award/:id/edit', admin, async (req, reply) => {
    const cycle = await award.getCycle(deps, idParam(req));
    if (cycle.results_published_at) throw new ConflictError('award.error.published');
    return sendPage(req, reply, <CycleFormPage cycle={cycle} values={award.cycleFormValues(cycle, deps.config.timeZone)} />);
  });
  app.post('/console/award/:id/edit', admin, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await award.editCycle(deps, req.ctx, id, values);
        return `/console/award/${id}`;
      },
      flash: 'award.flash.saved',
      rerender: async (errors) => <CycleFormPage cycle={await award.getCycle(deps, id)} values={values} errors={errors} />,
    });
  });

  const cyclePage = async (req: FastifyRequest, form?: 'extend' | 'branch', values?: Values, errors?: Errors) => {
    const cycle = await award.getCycle(deps, idParam(req));
    const branches = await repo.listBranches(deps.db, cycle.id);
    const nominations = (await repo.listNominations(deps.db, cycle.id)).filter((n) => n.status === 'submitted');
    const counts = new Map(branches.map((b) => [b.id, nominations.filter((n) => n.branch_id === b.id).length]));
    const can = {
      administer: awardPolicy.administer(req.actor),
      office: awardPolicy.office(req.actor),
      nominate: awardPolicy.nominatingAgencies(req.actor).length > 0,
      judge: awardPolicy.judge(req.actor),
    };
    return (
      <CyclePage
        cycle={cycle}
        phase={award.phaseOf(cycle, new Date())}
        branches={branches}
        counts={counts}
        can={can}
        form={form}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/award/:id', everyone, async (req, reply) => sendPage(req, reply, await cyclePage(req)));
  for (const [path, form, run] of [
    ['extend', 'extend', award.extendDeadline],
    ['branches', 'branch', award.addBranch],
  ] as const)
    app.post(`/console/award/:id/${path}`, admin, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(deps, req.ctx, id, values);
          return `/console/award/${id}`;
        },
        flash: 'award.flash.saved',
        rerender: (errors) => cyclePage(req, form, values, errors),
      });
    });

  // --- A branch's correction ---
  app.get('/console/award/branches/:id/edit', admin, async (req, reply) => {
    const { branch, cycle } = await award.getBranch(deps, idParam(req));
    if (cycle.results_published_at) throw new ConflictError('award.error.published');
    return sendPage(
      req,
      reply,
      <BranchFormPage cycle={cycle} branch={branch} values={award.branchFormValues(branch)} questions={await questionsForm(branch.id)} />,
    );
  });
  app.post('/console/award/branches/:id/edit', admin, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/award/${(await award.editBranch(deps, req.ctx, id, values)).cycle_id}`,
      flash: 'award.flash.saved',
      rerender: async (errors) => {
        const { branch, cycle } = await award.getBranch(deps, id);
        return <BranchFormPage cycle={cycle} branch={branch} values={values} errors={errors} questions={await questionsForm(branch.id)} />;
      },
    });
  });
  /** The branch's questions form: its latest version, or what was just refused with its errors. */
  const questionsForm = async (branchId: number, values?: Values, errors?: Errors) => {
    const set = await questions.currentSet(deps.db, branchId);
    return { version: set?.version ?? null, values: values ?? questions.questionFormValues(questions.questionsOf(set)), errors };
  };
  app.post('/console/award/branches/:id/questions', admin, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await questions.saveQuestions(deps, req.ctx, id, values);
        return `/console/award/branches/${id}/edit`;
      },
      flash: 'award.flash.saved',
      rerender: async (errors) => {
        const { branch, cycle } = await award.getBranch(deps, id);
        return (
          <BranchFormPage
            cycle={cycle}
            branch={branch}
            values={award.branchFormValues(branch)}
            questions={await questionsForm(id, values, errors)}
          />
        );
      },
    });
  });

  // --- Nominations ---
  app.get('/console/award/:id/nominations', everyone, async (req, reply) => {
    const cycle = await award.getCycle(deps, idParam(req));
    const all = await repo.listNominations(deps.db, cycle.id);
    // The office sees every nomination but others' drafts; agency staff their own; judges go through their own list.
    const mine = new Set(awardPolicy.nominatingAgencies(req.actor));
    const visible = awardPolicy.office(req.actor)
      ? all.filter((n) => n.status !== 'draft')
      : all.filter((n) => awardPolicy.readOwn(req.actor, n.agency_id));
    return sendPage(
      req,
      reply,
      <NominationsPage
        cycle={cycle}
        nominations={visible}
        branches={new Map((await repo.listBranches(deps.db, cycle.id)).map((b) => [b.id, b]))}
        agencies={await agencyMap()}
        canNominate={mine.size > 0}
        open={award.phaseOf(cycle, new Date()) === 'nominating'}
      />,
    );
  });

  const nominationForm = async (req: FastifyRequest, values: Values, errors?: Errors) => {
    const cycle = await award.getCycle(deps, idParam(req));
    const agencies = await agencyMap();
    const mine = awardPolicy.nominatingAgencies(req.actor).flatMap((id) => agencies.get(id) ?? []);
    return (
      <NominationFormPage
        cycle={cycle}
        branches={await repo.listBranches(deps.db, cycle.id)}
        agencies={mine}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/award/:id/nominations/new', nominators, async (req, reply) => sendPage(req, reply, await nominationForm(req, {})));
  app.post('/console/award/:id/nominations/new', nominators, async (req, reply) => {
    const { agency_id, ...values } = formValues(req.body);
    const mine = awardPolicy.nominatingAgencies(req.actor);
    const agencyId = agency_id === undefined ? mine[0] : Number(agency_id);
    return handleForm(req, reply, {
      action: async () => {
        if (!mine.includes(agencyId)) throw new ForbiddenError('other agency');
        return `/console/award/nominations/${(await award.createNomination(deps, req.ctx, idParam(req), agencyId, values)).id}`;
      },
      flash: 'award.flash.draft_saved',
      rerender: (errors) => nominationForm(req, { agency_id, ...values }, errors),
    });
  });

  type NominationForm = 'edit' | 'screen' | 'review' | 'conflict' | 'discuss' | 'attach';
  const nominationPage = async (req: FastifyRequest, form?: NominationForm, values?: Values, errors?: Errors) => {
    const n = await repo.findNomination(deps.db, idParam(req));
    if (!n) throw new NotFoundError();
    const access = await judging.nominationAccess(deps, req.ctx, n);
    const cycle = await award.getCycle(deps, n.cycle_id);
    const branches = await repo.listBranches(deps.db, cycle.id);
    const branch = branches.find((b) => b.id === n.branch_id) as repo.BranchRow;
    const me = awardPolicy.userId(req.actor);
    const reviews = [];
    for (const r of judging.visibleReviews(access, me, await repo.listReviews(deps.db, n.id))) {
      const u = await findUser(deps.db, r.judge_user_id);
      reviews.push({ review: r, judge: u?.name ?? `#${r.judge_user_id}` });
    }
    const open = award.phaseOf(cycle, new Date()) === 'nominating';
    const nominate = awardPolicy.nominate(req.actor, n.agency_id);
    const own = me !== null ? reviews.find((r) => r.review.judge_user_id === me)?.review : undefined;
    const service = n.service_id ? await findService(deps.db, n.service_id) : undefined;
    return (
      <NominationPage
        cycle={cycle}
        nomination={n}
        branch={branch}
        branches={branches}
        agency={n.agency_id === null ? undefined : (await agencyMap()).get(n.agency_id)}
        serviceIdentifier={service?.identifier ?? null}
        access={access}
        me={me}
        reviews={reviews}
        can={{
          edit: nominate && open && n.status === 'draft',
          withdraw: nominate && open && n.status !== 'withdrawn',
          screen: awardPolicy.office(req.actor) && n.status === 'submitted' && !cycle.results_published_at,
          score: access === 'judge' && own?.status === 'assigned' && !cycle.results_published_at,
        }}
        discussion={await discussionOf(deps, req.ctx, n)}
        questions={await questions.answeredQuestions(deps.db, n)}
        attachments={await attachments.listAttachments(deps.db, n.id)}
        form={form}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/award/nominations/:id', everyone, async (req, reply) => sendPage(req, reply, await nominationPage(req)));

  const nominationAction = (
    path: string,
    access: typeof everyone | typeof office | typeof judges | typeof nominators | typeof officeOrJudge,
    form: NominationForm,
    run: (id: number, req: FastifyRequest, values: Values) => Promise<unknown>,
    flash: MessageKey,
    autosave = false,
  ) =>
    app.post(`/console/award/nominations/:id/${path}`, access, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(id, req, values);
          return `/console/award/nominations/${id}`;
        },
        flash,
        autosave,
        rerender: (errors) => nominationPage(req, form, values, errors),
      });
    });
  // The draft's form autosaves (yusr.js posts it asking for JSON); its Save button does the same without JavaScript.
  nominationAction('save', nominators, 'edit', (id, req, v) => award.saveNomination(deps, req.ctx, id, v), 'award.flash.saved', true);
  nominationAction('submit', nominators, 'edit', (id, req) => award.submitNomination(deps, req.ctx, id), 'award.flash.submitted');
  nominationAction('withdraw', nominators, 'edit', (id, req) => award.withdrawNomination(deps, req.ctx, id), 'award.flash.withdrawn');
  nominationAction('screen', office, 'screen', (id, req, v) => award.screenNomination(deps, req.ctx, id, v), 'award.flash.saved');
  nominationAction('discussion', officeOrJudge, 'discuss', (id, req, v) => postToDiscussion(deps, req.ctx, id, v), 'award.flash.posted');
  nominationAction(
    'review',
    judges,
    'review',
    (id, req, v) => judging.saveReview(deps, req.ctx, id, v, v.action === 'submit'),
    'award.flash.saved',
  );

  // --- Supporting documents ---
  // One file per request; a file over the limit, however large, gets the form's own bilingual error (see ATTACHMENT_MULTIPART).
  const withUpload = {
    config: {
      access: { roles: ['agency_admin'] as const },
      multipartOptions: attachments.ATTACHMENT_MULTIPART,
    },
  };
  app.post('/console/award/nominations/:id/attachments', withUpload, async (req, reply) => {
    const id = idParam(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    return handleForm(req, reply, {
      action: async () => {
        const { n, cycle } = await award.ownedNomination(deps, req.ctx, id);
        await attachments.addAttachment(deps, req.ctx, n, cycle, body.file, req.uploadNames?.file);
        return `/console/award/nominations/${id}`;
      },
      flash: 'award.flash.attached',
      rerender: (errors) => nominationPage(req, 'attach', {}, errors),
    });
  });
  const attachmentOf = async (req: FastifyRequest) => {
    const a = await attachments.findAttachment(deps.db, idParam(req));
    const n = a ? await repo.findNomination(deps.db, a.nomination_id) : undefined;
    if (!a || !n) throw new NotFoundError();
    return { a, n };
  };
  app.post('/console/award/attachments/:id/remove', nominators, async (req, reply) => {
    const { a } = await attachmentOf(req);
    const { n, cycle } = await award.ownedNomination(deps, req.ctx, a.nomination_id);
    await attachments.removeAttachment(deps, req.ctx, n, cycle, a.id);
    return redirect(req, reply, `/console/award/nominations/${n.id}`, 'award.flash.detached');
  });
  // Read by the office, the nominating agency's staff, and a judge assigned and not conflicted (in a
  // blind branch under a neutral name); every read audited.
  app.get('/console/award/attachments/:id', everyone, async (req, reply) => {
    const { a, n } = await attachmentOf(req);
    const access = await judging.nominationAccess(deps, req.ctx, n);
    const branch = (await repo.findBranch(deps.db, n.branch_id)) as repo.BranchRow;
    const all = await attachments.listAttachments(deps.db, n.id);
    const shown = attachments.shownName(
      a,
      all.findIndex((x) => x.id === a.id),
      access === 'judge' && branch.blind === 1,
    );
    const body = await attachments.readAttachment(deps, req.ctx, n, a, shown);
    return reply.headers(attachments.downloadHeaders(a, shown)).send(body);
  });

  // --- Panel, conflicts, assignment ---
  const panelPage = async (req: FastifyRequest, form?: 'judge' | 'conflict' | 'assign', values?: Values, errors?: Errors) => {
    const d = await judging.panel(deps, req.ctx, idParam(req));
    return (
      <PanelPage
        {...d}
        agencies={await agencyMap()}
        canAdminister={awardPolicy.administer(req.actor)}
        form={form}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/award/:id/panel', office, async (req, reply) => sendPage(req, reply, await panelPage(req)));
  const panelAction = (
    path: string,
    access: typeof admin | typeof office,
    form: 'judge' | 'conflict' | 'assign',
    run: (id: number, req: FastifyRequest, values: Values) => Promise<unknown>,
  ) =>
    app.post(`/console/award/:id/${path}`, access, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(id, req, values);
          return `/console/award/${id}/panel`;
        },
        flash: 'award.flash.saved',
        rerender: (errors) => panelPage(req, form, values, errors),
      });
    });
  panelAction('judges', admin, 'judge', (id, req, v) => judging.addJudge(deps, req.ctx, id, v));
  panelAction('assign/one', office, 'assign', (id, req, v) => judging.assignOne(deps, req.ctx, id, v));
  app.post('/console/award/branches/:id/panel', office, async (req, reply) => {
    const branch = await repo.findBranch(deps.db, idParam(req));
    if (!branch) throw new NotFoundError();
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await judging.setBranchPanel(deps, req.ctx, branch.id, values);
        return `/console/award/${branch.cycle_id}/panel`;
      },
      flash: 'award.flash.saved',
      rerender: async (errors) => {
        const d = await judging.panel(deps, req.ctx, branch.cycle_id);
        return <PanelPage {...d} agencies={await agencyMap()} canAdminister={awardPolicy.administer(req.actor)} errors={errors} />;
      },
    });
  });
  app.post('/console/award/:id/assign', office, async (req, reply) => {
    const id = idParam(req);
    await judging.runAssignment(deps, req.ctx, id);
    return redirect(req, reply, `/console/award/${id}/panel`, 'award.flash.assigned');
  });
  app.post('/console/award/reviews/:id/unassign', office, async (req, reply) => {
    const r = await deps.db.selectFrom('award_reviews').select('nomination_id').where('id', '=', idParam(req)).executeTakeFirst();
    if (!r) throw new NotFoundError();
    const n = (await repo.findNomination(deps.db, r.nomination_id)) as repo.NominationRow;
    await judging.unassign(deps, req.ctx, idParam(req));
    return redirect(req, reply, `/console/award/${n.cycle_id}/panel`, 'award.flash.saved');
  });

  // A conflict: the office adds one from the panel; a judge declares one from their list or a nomination.
  const judgingPage = async (req: FastifyRequest, values?: Values, errors?: Errors) => {
    const cycle = await award.getCycle(deps, idParam(req));
    return (
      <JudgingPage
        cycle={cycle}
        items={await judging.myAssignments(deps, req.ctx, cycle.id)}
        branches={new Map((await repo.listBranches(deps.db, cycle.id)).map((b) => [b.id, b]))}
        agencies={(await allAgencies(deps)).filter((a) => a.status === 'active')}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/award/:id/judging', judges, async (req, reply) => sendPage(req, reply, await judgingPage(req)));
  app.post('/console/award/:id/conflicts', officeOrJudge, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    const isOffice = awardPolicy.office(req.actor);
    return handleForm(req, reply, {
      action: async () => {
        await judging.addConflict(deps, req.ctx, id, values);
        return isOffice ? `/console/award/${id}/panel` : `/console/award/${id}/judging`;
      },
      flash: 'award.flash.conflict',
      rerender: (errors) => (isOffice ? panelPage(req, 'conflict', values, errors) : judgingPage(req, values, errors)),
    });
  });

  // --- Decisions ---
  const resultsPage = async (req: FastifyRequest, cycleId: number, form?: number, values?: Values, errors?: Errors) => {
    if (!awardPolicy.office(req.actor)) throw new ForbiddenError('office only');
    const cycle = await award.getCycle(deps, cycleId);
    return (
      <ResultsPage
        cycle={cycle}
        standings={await judging.standings(deps.db, cycle.id)}
        decisions={await decisions.decisionsOf(deps, cycle.id)}
        statistics={await judging.statistics(deps.db, cycle.id)}
        agencies={await agencyMap()}
        can={{ administer: awardPolicy.administer(req.actor) }}
        form={form}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/award/:id/results', office, async (req, reply) => sendPage(req, reply, await resultsPage(req, idParam(req))));
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/console/award/:id/export.${format}`, office, async (req, reply) => {
      const file = await exportEdition(deps, req.ctx, idParam(req), format, req.lang);
      return reply
        .header('content-type', file.type)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    });
  app.post('/console/award/branches/:id/decision', office, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    const branch = await repo.findBranch(deps.db, id);
    if (!branch) throw new NotFoundError();
    return handleForm(req, reply, {
      action: async () => {
        await decisions.proposeDecision(deps, req.ctx, id, values);
        return `/console/award/${branch.cycle_id}/results`;
      },
      flash: 'award.flash.proposed',
      rerender: (errors) => resultsPage(req, branch.cycle_id, id, values, errors),
    });
  });
  app.post('/console/award/branches/:id/approve', admin, async (req, reply) => {
    const b = await decisions.approveDecision(deps, req.ctx, idParam(req));
    return redirect(req, reply, `/console/award/${b.cycle_id}/results`, 'award.flash.approved');
  });
  app.post('/console/award/decisions/:id/revoke', admin, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    const d = await deps.db.selectFrom('award_decisions').select('branch_id').where('id', '=', id).executeTakeFirst();
    if (!d) throw new NotFoundError();
    const branch = (await repo.findBranch(deps.db, d.branch_id)) as repo.BranchRow;
    return handleForm(req, reply, {
      action: async () => {
        await decisions.revokeAward(deps, req.ctx, id, values);
        return `/console/award/${branch.cycle_id}/results`;
      },
      flash: 'award.flash.revoked',
      rerender: (errors) => resultsPage(req, branch.cycle_id, undefined, values, errors),
    });
  });
  app.post('/console/award/:id/publish', admin, async (req, reply) => {
    const c = await decisions.publishResults(deps, req.ctx, idParam(req));
    return redirect(req, reply, `/console/award/${c.id}/results`, 'award.flash.published');
  });
}

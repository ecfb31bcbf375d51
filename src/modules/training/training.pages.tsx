import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../messages.ts';
import { setFlash } from '../../platform/http/context.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { isoToLocal, localToIso } from '../../platform/i18n/dates.ts';
import { pick } from '../../platform/i18n/i18n.ts';
import { pdfAvailable } from '../../platform/pdf/pdf.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { allAgencies } from '../identity/public.ts';
import * as assignments from './assignments.service.ts';
import * as enrolment from './enrolment.service.ts';
import * as evaluation from './evaluation.ts';
import * as learning from './guest-learning.service.ts';
import * as guests from './guests.service.ts';
import * as progress from './progress.service.ts';
import * as codes from './session-codes.service.ts';
import { STAFF_ROLES, TRAINING_ROLES, trainingPolicy } from './training.policy.ts';
import * as training from './training.service.ts';
import { OfferingAssignmentsPage, ReviewAssignmentPage, StaffAssignmentPage } from './views/assignment.views.tsx';
import { OfferingEditPage, SessionEditPage } from './views/edit.views.tsx';
import { EvaluationsPage } from './views/evaluation.views.tsx';
import { AgencyPage, AssessmentPage, RecordPage } from './views/learner.views.tsx';
import { AttendancePage, OfferingPage } from './views/offering.views.tsx';
import { ProgrammeFormPage, ProgrammePage, TrainingHomePage } from './views/programmes.views.tsx';
import { ProgressPage } from './views/progress.views.tsx';

// The training console: the office's catalogue, offerings and their enrolments, attendance sheets,
// the assessment, learning records, and the national progress with targets. POST → redirect → GET.

type Values = Record<string, unknown>;
type Errors = NonNullable<Parameters<typeof OfferingPage>[0]['errors']>;

export async function trainingPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = { config: { access: { roles: TRAINING_ROLES } } };
  const signedIn = { config: { access: 'signed-in' as const } };
  const admin = { config: { access: { roles: ['program_admin'] as const } } };
  const office = { config: { access: { roles: ['program_admin', 'program_reviewer'] as const } } };
  const staff = { config: { access: { roles: STAFF_ROLES } } };
  const agencyAdmin = { config: { access: { roles: ['agency_admin'] as const } } };
  const progressRoles = { config: { access: { roles: ['program_admin', 'program_reviewer', 'leadership_viewer'] as const } } };

  const redirect = (req: FastifyRequest, reply: FastifyReply, to: string, flash: MessageKey) => {
    setFlash(req, reply, flash);
    return reply.redirect(`/${req.lang}${to}`, 303);
  };
  app.get('/console/training', signedIn, async (req, reply) => {
    const agencies = await allAgencies(deps);
    const mine = trainingPolicy.administeredAgencies(req.actor);
    return sendPage(
      req,
      reply,
      <TrainingHomePage
        programmes={await training.listProgrammes(deps, req.ctx)}
        canAdminister={trainingPolicy.administer(req.actor)}
        canProgress={trainingPolicy.readProgress(req.actor)}
        canEvaluations={trainingPolicy.oversee(req.actor) || (req.actor.kind === 'user' && (await training.trainsAny(deps, req.actor.id)))}
        agencies={agencies.filter((a) => mine.includes(a.id)).map((a) => ({ id: a.id, name: pick(req.lang, a, 'name') }))}
      />,
    );
  });

  app.get('/console/training/programmes/new', admin, async (req, reply) => sendPage(req, reply, <ProgrammeFormPage values={{}} />));
  app.post('/console/training/programmes/new', admin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/training/programmes/${(await training.createProgramme(deps, req.ctx, values)).id}`,
      flash: 'training.flash.created',
      rerender: (errors) => <ProgrammeFormPage values={values} errors={errors} />,
    });
  });

  const programmePage = async (
    req: FastifyRequest,
    form?: 'offering' | 'question' | 'prerequisites' | 'waiver',
    values?: Values,
    errors?: Errors,
  ) => (
    <ProgrammePage
      v={await training.programmeView(deps, req.ctx, idParam(req))}
      canAdminister={trainingPolicy.administer(req.actor)}
      canOversee={trainingPolicy.oversee(req.actor)}
      form={form}
      values={values}
      errors={errors}
    />
  );
  app.get('/console/training/programmes/:id', signedIn, async (req, reply) => sendPage(req, reply, await programmePage(req)));
  const programmeEdit = async (req: FastifyRequest, values?: Values, errors?: Errors) => {
    const p = await training.getProgramme(deps, req.ctx, idParam(req));
    const current = {
      ...p,
      pass_mark_pct: p.pass_mark_pct ?? '',
    } as Values;
    return <ProgrammeFormPage values={values ?? current} errors={errors} editing={p} />;
  };
  app.get('/console/training/programmes/:id/edit', admin, async (req, reply) => sendPage(req, reply, await programmeEdit(req)));
  app.post('/console/training/programmes/:id/edit', admin, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await training.updateProgramme(deps, req.ctx, id, values);
        return `/console/training/programmes/${id}`;
      },
      flash: 'training.flash.saved',
      rerender: (errors) => programmeEdit(req, values, errors),
    });
  });
  app.post('/console/training/programmes/:id/prerequisites', admin, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await training.setPrerequisites(deps, req.ctx, id, values);
        return `/console/training/programmes/${id}`;
      },
      flash: 'training.flash.saved',
      rerender: (errors) => programmePage(req, 'prerequisites', values, errors),
    });
  });
  app.post('/console/training/programmes/:id/waivers', office, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await training.waivePrerequisites(deps, req.ctx, id, values);
        return `/console/training/programmes/${id}`;
      },
      flash: 'training.flash.waived',
      rerender: (errors) => programmePage(req, 'waiver', values, errors),
    });
  });

  const offeringEdit = async (req: FastifyRequest, values?: Values, errors?: Errors) => {
    const v = await training.offeringView(deps, req.ctx, idParam(req));
    if (v.offering.status === 'completed' || v.offering.status === 'cancelled') throw new ConflictError('training.error.offering_finished');
    return (
      <OfferingEditPage
        offering={v.offering}
        programme={v.programme}
        values={values ?? (v.offering as unknown as Values)}
        errors={errors}
      />
    );
  };
  app.get('/console/training/offerings/:id/edit', admin, async (req, reply) => sendPage(req, reply, await offeringEdit(req)));
  app.post('/console/training/offerings/:id/edit', admin, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await training.updateOffering(deps, req.ctx, id, values);
        return `/console/training/offerings/${id}`;
      },
      flash: 'training.flash.saved',
      rerender: (errors) => offeringEdit(req, values, errors),
    });
  });

  const sessionEdit = async (req: FastifyRequest, values?: Values, errors?: Errors) => {
    const v = await training.sessionView(deps, req.ctx, idParam(req));
    if (v.offering.status === 'completed' || v.offering.status === 'cancelled') throw new ConflictError('training.error.offering_finished');
    const tz = deps.config.timeZone;
    const current = { starts_at: isoToLocal(v.session.starts_at, tz), ends_at: isoToLocal(v.session.ends_at, tz) };
    return <SessionEditPage {...v} values={values ?? current} errors={errors} />;
  };
  app.get('/console/training/sessions/:id/edit', admin, async (req, reply) => sendPage(req, reply, await sessionEdit(req)));
  app.post('/console/training/sessions/:id/edit', admin, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    const tz = deps.config.timeZone;
    return handleForm(req, reply, {
      action: async () => {
        const toIso = (v: unknown) => (typeof v === 'string' ? localToIso(v, tz) : v);
        const s = await training.updateSession(deps, req.ctx, id, { starts_at: toIso(values.starts_at), ends_at: toIso(values.ends_at) });
        return `/console/training/offerings/${s.offering_id}`;
      },
      flash: 'training.flash.saved',
      rerender: (errors) => sessionEdit(req, values, errors),
    });
  });

  app.post('/console/training/programmes/:id/publish', admin, async (req, reply) => {
    const id = idParam(req);
    await training.setProgrammePublished(deps, req.ctx, id, formValues(req.body).published === 'yes');
    return redirect(req, reply, `/console/training/programmes/${id}`, 'training.flash.saved');
  });
  app.post('/console/training/programmes/:id/offerings', admin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/training/offerings/${(await training.createOffering(deps, req.ctx, idParam(req), values)).id}`,
      flash: 'training.flash.created',
      rerender: (errors) => programmePage(req, 'offering', values, errors),
    });
  });
  app.post('/console/training/programmes/:id/questions', admin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await training.addQuestion(deps, req.ctx, idParam(req), values);
        return `/console/training/programmes/${idParam(req)}#questions`;
      },
      flash: 'training.flash.saved',
      rerender: (errors) => programmePage(req, 'question', values, errors),
    });
  });

  const offeringPage = async (
    req: FastifyRequest,
    id: number,
    form?: Parameters<typeof OfferingPage>[0]['form'],
    values?: Values,
    errors?: Errors,
    completeFor?: number,
    guestFor?: number,
  ) => (
    <OfferingPage
      v={await training.offeringView(deps, req.ctx, id)}
      form={form}
      values={values}
      errors={errors}
      completeFor={completeFor}
      guestFor={guestFor}
    />
  );
  app.get('/console/training/offerings/:id', signedIn, async (req, reply) => sendPage(req, reply, await offeringPage(req, idParam(req))));
  app.post('/console/training/offerings/:id/status', admin, async (req, reply) => {
    const id = idParam(req);
    await training.setOfferingStatus(deps, req.ctx, id, formValues(req.body));
    return redirect(req, reply, `/console/training/offerings/${id}`, 'training.flash.saved');
  });
  app.post('/console/training/offerings/:id/sessions', admin, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    const tz = deps.config.timeZone;
    return handleForm(req, reply, {
      action: async () => {
        const toIso = (v: unknown) => (typeof v === 'string' ? localToIso(v, tz) : v);
        await training.addSession(deps, req.ctx, id, { starts_at: toIso(values.starts_at), ends_at: toIso(values.ends_at) });
        return `/console/training/offerings/${id}`;
      },
      flash: 'training.flash.saved',
      rerender: (errors) => offeringPage(req, id, 'session', values, errors),
    });
  });
  app.post('/console/training/offerings/:id/trainers', admin, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await training.addTrainer(deps, req.ctx, id, values);
        return `/console/training/offerings/${id}`;
      },
      flash: 'training.flash.saved',
      rerender: (errors) => offeringPage(req, id, 'trainer', values, errors),
    });
  });
  app.post('/console/training/offerings/:id/enrol', staff, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await enrolment.enrolSelf(deps, req.ctx, id, values);
        return `/console/training/offerings/${id}`;
      },
      flash: 'training.flash.enrolled',
      rerender: (errors) => offeringPage(req, id, 'enrol', values, errors),
    });
  });
  app.post('/console/training/offerings/:id/nominate', agencyAdmin, async (req, reply) => {
    const id = idParam(req);
    const { agency_id, ...values } = formValues(req.body);
    const agencyId = Number(agency_id);
    if (!Number.isInteger(agencyId) || agencyId < 1) throw new NotFoundError();
    return handleForm(req, reply, {
      action: async () => {
        await enrolment.nominate(deps, req.ctx, id, agencyId, values);
        return `/console/training/offerings/${id}`;
      },
      flash: 'training.flash.nominated',
      rerender: (errors) => offeringPage(req, id, 'nominate', values, errors),
    });
  });

  const decision = (
    path: string,
    run: (id: number, req: FastifyRequest) => Promise<{ offering_id: number }>,
    flash: MessageKey,
    opts: object,
  ) =>
    app.post(`/console/training/enrolments/:id/${path}`, opts, async (req, reply) => {
      const e = await run(idParam(req), req);
      return redirect(req, reply, `/console/training/offerings/${e.offering_id}`, flash);
    });
  decision('approve', (id, req) => enrolment.approve(deps, req.ctx, id), 'training.flash.approved', agencyAdmin);
  decision('reject', (id, req) => enrolment.reject(deps, req.ctx, id), 'training.flash.rejected', agencyAdmin);
  decision('cancel', (id, req) => enrolment.cancel(deps, req.ctx, id), 'training.flash.cancelled', signedIn);
  app.post('/console/training/enrolments/:id/complete', office, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/training/offerings/${(await progress.recordCompletion(deps, req.ctx, id, values)).offering_id}`,
      flash: 'training.flash.completed',
      rerender: async (errors) => {
        const e = await training.enrolmentOffering(deps, id);
        return offeringPage(req, e, 'complete', values, errors, id);
      },
    });
  });

  // Members of the public's places, from the console: the program administrator cancels one with a
  // reason they are told; the office records a completion the criteria do not show, with a reason.
  const guestAction = (path: 'cancel' | 'complete', run: typeof guests.cancelGuestByOffice, flash: MessageKey, opts: object) =>
    app.post(`/console/training/guests/:id/${path}`, opts, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => `/console/training/offerings/${(await run(deps, req.ctx, id, values)).offering_id}`,
        flash,
        rerender: async (errors) =>
          offeringPage(
            req,
            await training.guestOffering(deps, id),
            path === 'cancel' ? 'guest_cancel' : 'guest_complete',
            values,
            errors,
            undefined,
            id,
          ),
      });
    });
  guestAction('cancel', guests.cancelGuestByOffice, 'training.flash.guest_cancelled_office', admin);
  guestAction('complete', learning.recordGuestCompletion, 'training.flash.completed', office);

  app.get('/console/training/sessions/:id/attendance', signedIn, async (req, reply) =>
    sendPage(req, reply, <AttendancePage s={await progress.attendanceSheet(deps, req.ctx, idParam(req))} />),
  );
  app.post('/console/training/sessions/:id/attendance', signedIn, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await progress.markAttendance(deps, req.ctx, id, values);
        return `/console/training/sessions/${id}/attendance`;
      },
      flash: 'training.flash.saved',
      rerender: async (errors) => <AttendancePage s={await progress.attendanceSheet(deps, req.ctx, id)} errors={errors} />,
    });
  });

  const assessment = '/console/training/enrolments/:id/assessment';
  app.get(assessment, signedIn, async (req, reply) =>
    sendPage(req, reply, <AssessmentPage a={await progress.openAttempt(deps, req.ctx, idParam(req))} />),
  );
  app.post(`${assessment}/start`, signedIn, async (req, reply) => {
    const id = idParam(req);
    await progress.startAttempt(deps, req.ctx, id);
    return reply.redirect(`/${req.lang}/console/training/enrolments/${id}/assessment`, 303);
  });
  app.post(assessment, signedIn, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await progress.submitAttempt(deps, req.ctx, id, values);
        return `/console/training/enrolments/${id}/assessment`;
      },
      flash: 'training.flash.submitted',
      rerender: async (errors) => <AssessmentPage a={await progress.openAttempt(deps, req.ctx, id)} values={values} errors={errors} />,
    });
  });

  // Assignments: the person sends theirs (text, and optionally one PDF: one file per request, the
  // CSRF token and the text before it; twice the file limit, so a file a little too big gets the
  // form's own bilingual error rather than a bare 413); a trainer or the office decides.
  const withUpload = {
    config: {
      access: 'signed-in' as const,
      multipartOptions: { limits: { fileSize: 2 * assignments.ASSIGNMENT_MAX_BYTES, files: 1, fields: 4, parts: 5 } },
    },
  };
  const staffAssignment = async (req: FastifyRequest, id: number, values?: Values, errors?: Errors) => (
    <StaffAssignmentPage a={await assignments.staffAssignment(deps, req.ctx, id)} values={values} errors={errors} />
  );
  app.get('/console/training/enrolments/:id/assignment', signedIn, async (req, reply) =>
    sendPage(req, reply, await staffAssignment(req, idParam(req))),
  );
  app.post('/console/training/enrolments/:id/assignment', withUpload, async (req, reply) => {
    const id = idParam(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    return handleForm(req, reply, {
      action: async () => {
        await assignments.submitStaffAssignment(deps, req.ctx, id, body, req.uploadNames?.file);
        return `/console/training/enrolments/${id}/assignment`;
      },
      flash: 'training.flash.assignment_submitted',
      rerender: (errors) => staffAssignment(req, id, { text: body.text }, errors),
    });
  });
  app.get('/console/training/offerings/:id/assignments', signedIn, async (req, reply) =>
    sendPage(req, reply, <OfferingAssignmentsPage d={await assignments.offeringAssignments(deps, req.ctx, idParam(req))} />),
  );
  const reviewPage = async (req: FastifyRequest, id: number, values?: Values, errors?: Errors) => {
    const offeringId = (await assignments.assignmentOffering(deps, id)) ?? -1;
    const d = await assignments.offeringAssignments(deps, req.ctx, offeringId);
    const a = d.assignments.find((x) => x.id === id);
    if (!a) throw new NotFoundError();
    return <ReviewAssignmentPage d={d} a={a} values={values} errors={errors} />;
  };
  app.get('/console/training/assignments/:id', signedIn, async (req, reply) => sendPage(req, reply, await reviewPage(req, idParam(req))));
  app.post('/console/training/assignments/:id/decide', signedIn, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        const a = await assignments.decideAssignment(deps, req.ctx, id, values);
        return `/console/training/offerings/${a.offering_id}/assignments`;
      },
      flash: 'training.flash.assignment_decided',
      rerender: (errors) => reviewPage(req, id, values, errors),
    });
  });

  // The PDF of an assignment: its person, a trainer of the offering or the office (checked and audited by the service).
  app.get('/console/training/assignments/:id/file', signedIn, async (req, reply) => {
    const file = await assignments.readAssignmentFile(deps, req.ctx, idParam(req));
    return reply.headers(file.headers).send(file.body);
  });

  // Session codes: a trainer shows one on the attendance sheet; an enrolled person types it on their record.
  app.post('/console/training/sessions/:id/code', signedIn, async (req, reply) => {
    const id = idParam(req);
    await codes.issueSessionCode(deps, req.ctx, id);
    return redirect(req, reply, `/console/training/sessions/${id}/attendance`, 'training.flash.code_made');
  });
  app.post('/console/training/record/attend', signedIn, async (req, reply) => {
    const { enrolment_id, ...values } = formValues(req.body);
    const enrolmentId = Number(enrolment_id);
    if (!Number.isInteger(enrolmentId) || enrolmentId < 1) throw new NotFoundError();
    return handleForm(req, reply, {
      action: async () => {
        await codes.attendByCode(deps, req.ctx, enrolmentId, values);
        return '/console/training/record';
      },
      flash: 'training.flash.code_attended',
      rerender: async (errors) => (
        <RecordPage
          entries={await progress.myRecord(deps, req.ctx)}
          pdf={pdfAvailable(deps.config.chromiumPath)}
          values={{ ...values, enrolment_id }}
          errors={errors}
        />
      ),
    });
  });

  app.get('/console/training/evaluations', signedIn, async (req, reply) =>
    sendPage(req, reply, <EvaluationsPage r={await evaluation.evaluationResults(deps, req.ctx)} />),
  );

  app.get('/console/training/record', signedIn, async (req, reply) =>
    sendPage(req, reply, <RecordPage entries={await progress.myRecord(deps, req.ctx)} pdf={pdfAvailable(deps.config.chromiumPath)} />),
  );
  app.get('/console/training/agencies/:id', everyone, async (req, reply) => {
    const id = idParam(req);
    const { staff: people, entries } = await progress.agencyRecord(deps, req.ctx, id);
    const a = (await allAgencies(deps)).find((x) => x.id === id);
    if (!a) throw new NotFoundError();
    return sendPage(req, reply, <AgencyPage agency={pick(req.lang, a, 'name')} entries={entries} staff={people.length} />);
  });

  const yearOf = (req: FastifyRequest) => {
    const raw = (req.query as Record<string, unknown>).year;
    const n = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : new Date().getUTCFullYear();
    return n >= 2000 && n <= 2100 ? n : new Date().getUTCFullYear();
  };
  const progressPage = async (req: FastifyRequest, year: number, values?: Values, errors?: Errors) => (
    <ProgressPage
      d={await progress.nationalProgress(deps, req.ctx, year)}
      agencies={new Map((await allAgencies(deps)).filter((a) => a.status === 'active').map((a) => [a.id, pick(req.lang, a, 'name')]))}
      canAdminister={trainingPolicy.administer(req.actor)}
      values={values}
      errors={errors}
    />
  );
  app.get('/console/training/progress', progressRoles, async (req, reply) => sendPage(req, reply, await progressPage(req, yearOf(req))));
  app.post('/console/training/progress/targets', admin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        const row = await progress.setTarget(deps, req.ctx, values);
        return `/console/training/progress?year=${row.year}`;
      },
      flash: 'training.flash.saved',
      rerender: (errors) => progressPage(req, yearOf(req), values, errors),
    });
  });
}

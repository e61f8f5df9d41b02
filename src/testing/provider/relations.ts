/**
 * Nested endpoints (`/schools/{id}/classes`, `/classes/{id}/students`, ...). Base candidates come from
 * the arithmetic layout; every candidate is then checked on its current record, and changed or
 * inserted records are checked too, so mutations show up in nested results as they would in a SIS.
 */

import { type District, effectiveAt } from '../district/district.js';
import {
  enrollmentsOfClass,
  enrollmentsOfUser,
  gradingPeriodSessionIndex,
  termsOfClass,
} from '../district/district-layout.js';
import { compareIds, parseId } from '../district/ids.js';
import type { CollectionName, RosterRecord } from '../district/records.js';

/** The sourcedId a GUIDRef field points at. */
function refId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('sourcedId' in value)) return undefined;
  return typeof value.sourcedId === 'string' ? value.sourcedId : undefined;
}

/** Whether a GUIDRef or GUIDRef[] field points at `sourcedId`. */
export function refersTo(value: unknown, sourcedId: string): boolean {
  return Array.isArray(value) ? value.some((item) => refId(item) === sourcedId) : refId(value) === sourcedId;
}

/** Range of integers [from, to). */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** Current records among base candidates and the overlay that satisfy `predicate`, sorted by sourcedId. */
function collect(
  district: District,
  collection: CollectionName,
  candidates: readonly number[],
  predicate: (record: RosterRecord) => boolean,
): RosterRecord[] {
  const overlay = district.overlay(collection);
  const found: RosterRecord[] = [];
  for (const index of candidates) {
    const record = effectiveAt(district.shape, overlay, collection, index);
    if (record !== undefined && predicate(record)) found.push(record);
  }
  if (overlay.patched.size === 0 && overlay.inserted.length === 0) return found;
  const candidateSet = new Set(candidates);
  for (const [index, record] of overlay.patched) {
    if (!candidateSet.has(index) && predicate(record)) found.push(record);
  }
  for (const record of overlay.inserted) if (predicate(record)) found.push(record);
  return found.sort((a, b) => compareIds(a.sourcedId, b.sourcedId));
}

/** Base index of a parent id, or undefined for an inserted parent (which has no base relations). */
function baseIndex(district: District, collection: CollectionName, sourcedId: string): number | undefined {
  const index = parseId(collection, sourcedId);
  return index !== undefined && index < district.shape.counts[collection] ? index : undefined;
}

/** Enrollments of a class. */
function classEnrollments(district: District, classId: string): RosterRecord[] {
  const index = baseIndex(district, 'classes', classId);
  const candidates = index === undefined ? [] : enrollmentsOfClass(district.shape, index);
  return collect(district, 'enrollments', candidates, (e) => refersTo(e['class'], classId));
}

/** Users enrolled in a class with a role. */
function classUsers(district: District, classId: string, role: string): RosterRecord[] {
  const users = new Map<string, RosterRecord>();
  for (const enrollment of classEnrollments(district, classId)) {
    const userId = refId(enrollment['user']);
    if (enrollment['role'] !== role || userId === undefined || users.has(userId)) continue;
    const user = district.peek('users', userId);
    if (user !== undefined) users.set(userId, user);
  }
  return [...users.values()].sort((a, b) => compareIds(a.sourcedId, b.sourcedId));
}

/** Classes a user is enrolled in. */
function userClasses(district: District, userId: string): RosterRecord[] {
  const index = baseIndex(district, 'users', userId);
  const candidates = index === undefined ? [] : enrollmentsOfUser(district.shape, index);
  const classes = new Map<string, RosterRecord>();
  for (const enrollment of collect(district, 'enrollments', candidates, (e) => refersTo(e['user'], userId))) {
    const classId = refId(enrollment['class']);
    if (classId === undefined || classes.has(classId)) continue;
    const found = district.peek('classes', classId);
    if (found !== undefined) classes.set(classId, found);
  }
  return [...classes.values()].sort((a, b) => compareIds(a.sourcedId, b.sourcedId));
}

/** Records of a nested endpoint below a parent whose existence the caller has checked. */
export function nestedRecords(
  district: District,
  parentEndpoint: string,
  parentId: string,
  child: string,
): RosterRecord[] | undefined {
  const shape = district.shape;
  if (parentEndpoint === 'schools') {
    const org = baseIndex(district, 'orgs', parentId);
    const school = org === undefined || org === 0 ? undefined : org - 1;
    const span = (perSchool: number, first = 0): number[] =>
      school === undefined ? [] : range(first + school * perSchool, first + (school + 1) * perSchool);
    switch (child) {
      case 'courses':
        return collect(district, 'courses', span(shape.coursesPerSchool), (c) =>
          refersTo(c['org'], parentId),
        );
      case 'classes':
        return collect(district, 'classes', span(shape.classesPerSchool), (c) =>
          refersTo(c['school'], parentId),
        );
      case 'enrollments':
        return collect(district, 'enrollments', span(shape.enrollmentsPerSchool), (e) =>
          refersTo(e['school'], parentId),
        );
      case 'students':
        return collect(
          district,
          'users',
          span(shape.studentsPerSchool),
          (u) => u['role'] === 'student' && refersTo(u['orgs'], parentId),
        );
      case 'teachers':
        return collect(
          district,
          'users',
          span(shape.teachersPerSchool, shape.students),
          (u) => u['role'] === 'teacher' && refersTo(u['orgs'], parentId),
        );
      case 'terms':
        // 1.1 academic sessions carry no org, so every school shares the district's terms.
        return collect(
          district,
          'academicSessions',
          range(1, 1 + shape.termsPerYear),
          (s) => s['type'] === 'term',
        );
    }
    return undefined;
  }
  if (parentEndpoint === 'classes') {
    if (child === 'students') return classUsers(district, parentId, 'student');
    if (child === 'teachers') return classUsers(district, parentId, 'teacher');
    if (child === 'enrollments') return classEnrollments(district, parentId);
    return undefined;
  }
  if (parentEndpoint === 'courses' && child === 'classes') {
    const course = baseIndex(district, 'courses', parentId);
    const candidates: number[] = [];
    if (course !== undefined) {
      const school = Math.floor(course / shape.coursesPerSchool);
      for (let c = course % shape.coursesPerSchool; c < shape.classesPerSchool; c += shape.coursesPerSchool) {
        candidates.push(school * shape.classesPerSchool + c);
      }
    }
    return collect(district, 'classes', candidates, (c) => refersTo(c['course'], parentId));
  }
  if (parentEndpoint === 'terms') {
    const session = baseIndex(district, 'academicSessions', parentId);
    const term =
      session !== undefined && session >= 1 && session <= shape.termsPerYear ? session - 1 : undefined;
    if (child === 'classes') {
      const candidates: number[] = [];
      if (term !== undefined) {
        for (let c = 0; c < shape.counts.classes; c++)
          if (termsOfClass(shape, c).includes(term)) candidates.push(c);
      }
      return collect(district, 'classes', candidates, (c) => refersTo(c['terms'], parentId));
    }
    if (child === 'gradingPeriods') {
      const candidates =
        term === undefined
          ? []
          : range(gradingPeriodSessionIndex(shape, term, 0), gradingPeriodSessionIndex(shape, term + 1, 0));
      return collect(
        district,
        'academicSessions',
        candidates,
        (s) => s['type'] === 'gradingPeriod' && refersTo(s['parent'], parentId),
      );
    }
    return undefined;
  }
  if (
    (parentEndpoint === 'users' || parentEndpoint === 'students' || parentEndpoint === 'teachers') &&
    child === 'classes'
  ) {
    return userClasses(district, parentId);
  }
  return undefined;
}
